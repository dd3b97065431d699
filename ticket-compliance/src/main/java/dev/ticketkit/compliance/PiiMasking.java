package dev.ticketkit.compliance;

import dev.ticketkit.core.Actor;
import dev.ticketkit.core.ActorKind;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.Permission;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketValidationException;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Masks personal data customers paste into messages in what staff read, as an engine module: the messages
 * {@code Tickets.messages} and {@code findMessageByExternalId(s)} hand to agents, integrations and other staff carry
 * text with every {@link PiiScanner} match masked ({@code 138****5678}) and empty HTML (a message with personal data
 * is shown as its masked text); the stored message is unchanged.
 * A customer reads their own messages as written.
 *
 * <p>Seeing the original is an audited act: {@link #unmask} needs {@link #PII_VIEW} on the ticket and a reason, and
 * records an {@value #UNMASKED_EVENT} event (who, which message, why, which kinds of data) in the ticket's audit
 * trail before it returns the text.
 *
 * <pre>{@code
 * PiiMasking masking = PiiMasking.standard();
 * TicketEngine engine = TicketEngine.builder().store(store).module(masking).build();
 * engine.tickets().messages(agent, id);                              // 138****5678
 * masking.unmask(lead, id, messageId, "customer asked to change the delivery phone");   // audited original
 * }</pre>
 */
public final class PiiMasking implements TicketModule {
    /** Reading a message's original, unmasked text (audited). */
    public static final Permission PII_VIEW = Permission.of("pii.view");
    /** The event an unmasked read records. */
    public static final String UNMASKED_EVENT = "compliance.unmasked";

    private final PiiScanner scanner;
    /** Set while {@link #unmask} reads the original through the engine on this thread. */
    private final ThreadLocal<Boolean> unmasking = ThreadLocal.withInitial(() -> false);
    private volatile TicketEngine engine;

    private PiiMasking(PiiScanner scanner) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    /** Masking with {@link PiiScanner#standard()}. */
    public static PiiMasking standard() {
        return new PiiMasking(PiiScanner.standard());
    }

    /** Masking with another scanner. */
    public static PiiMasking with(PiiScanner scanner) {
        return new PiiMasking(scanner);
    }

    @Override
    public String name() {
        return "compliance.masking";
    }

    @Override
    public void install(ModuleContext context) {
        context.messageProtection(this::forReader);
    }

    @Override
    public void bind(TicketEngine engine) {
        this.engine = engine;
    }

    private Message forReader(Actor reader, Ticket ticket, Message m) {
        if (unmasking.get() || reader.kind() == ActorKind.CUSTOMER && reader.id().equals(ticket.requester().toString())) {
            return m;
        }
        List<PiiMatch> found = scanner.scan(m.text());
        if (found.isEmpty()) {
            return m; // the HTML is the same content as the text: nothing to mask there either
        }
        return new Message(m.id(), m.tenantId(), m.ticketId(), m.visibility(), m.authorKind(), m.authorId(), m.channel(),
                Masking.maskAll(m.text(), found), "", m.attachments(), m.externalMessageId(), m.createdAt());
    }

    /**
     * The original text of a message on a ticket, for an actor with {@link #PII_VIEW} on it, with a reason; the read
     * is recorded in the ticket's audit trail first (actor, message, reason, the kinds of personal data in it).
     *
     * @throws dev.ticketkit.core.PermissionDeniedException if the actor lacks {@code pii.view} (or may not read the
     *                                                       ticket); nothing is recorded or returned
     * @throws TicketValidationException                     if the reason is blank or the message is not on the ticket
     */
    public String unmask(Actor actor, TicketId ticket, MessageId message, String reason) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > 500) {
            throw new TicketValidationException("reason", "must be 1 to 500 characters");
        }
        TicketEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("the masking module is not on a built engine: add it with TicketEngine.Builder.module");
        }
        String original = original(e, actor, ticket, message);
        Set<String> kinds = new LinkedHashSet<>();
        for (PiiMatch pm : scanner.scan(original)) {
            kinds.add(pm.kind().name());
        }
        e.tickets().command(actor, ticket, PII_VIEW, ctx -> {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("message", message.toString());
            a.put("reason", reason.strip());
            a.put("kinds", String.join(",", kinds));
            ctx.emit(meta -> new TicketEvent.ExtensionEvent(meta, UNMASKED_EVENT, a));
        });
        return original;
    }

    private String original(TicketEngine e, Actor actor, TicketId ticket, MessageId message) {
        // the permission to see the original is checked by the audited command; reading runs with the actor's
        // read rights, masking off for this thread only
        if (!dev.ticketkit.core.Authorization.allows(actor, PII_VIEW, e.tickets().get(actor, ticket))) {
            throw new dev.ticketkit.core.PermissionDeniedException(actor.ref(), PII_VIEW, "ticket " + ticket);
        }
        unmasking.set(true);
        try {
            for (Message m : e.tickets().messages(actor, ticket)) {
                if (m.id().equals(message)) {
                    return m.text();
                }
            }
        } finally {
            unmasking.remove();
        }
        throw new TicketValidationException("message", "no message " + message + " on ticket " + ticket + " for this reader");
    }
}
