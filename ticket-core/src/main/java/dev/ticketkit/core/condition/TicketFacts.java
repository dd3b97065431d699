package dev.ticketkit.core.condition;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.spi.HookContext;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The standard {@link Facts} of a ticket and its requester, shared by SLA policies and rules.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>kind</th><th>value</th></tr>
 *   <tr><td>{@code status}</td><td>ENUM</td><td>NEW &lt; OPEN &lt; PENDING &lt; ON_HOLD &lt; SOLVED &lt; CLOSED</td></tr>
 *   <tr><td>{@code priority}</td><td>ENUM</td><td>LOW &lt; NORMAL &lt; HIGH &lt; URGENT</td></tr>
 *   <tr><td>{@code type}, {@code channel}, {@code subject}, {@code number}</td><td>TEXT</td><td>channel as its name, e.g. {@code EMAIL}</td></tr>
 *   <tr><td>{@code team}, {@code assignee}, {@code requester}</td><td>TEXT</td><td>ids; unset when none</td></tr>
 *   <tr><td>{@code tags}</td><td>TEXT_SET</td><td>the ticket's lower-case tags</td></tr>
 *   <tr><td>{@code created_at}, {@code updated_at}, {@code status_changed_at}, {@code due_at}, {@code solved_at}, {@code first_reply_at}</td><td>INSTANT</td><td></td></tr>
 *   <tr><td>{@code order_count}</td><td>NUMBER</td><td>order references on the ticket</td></tr>
 *   <tr><td>{@code customer.tier}</td><td>NUMBER</td><td>the tier's level (0 standard ... 3 VIP); a literal may be the
 *       level or a built-in tier's name, ignoring case: {@code STANDARD}, {@code SILVER}, {@code GOLD}, {@code VIP}
 *       ({@link MemberTier#builtIns()})</td></tr>
 *   <tr><td>{@code customer.tier_name}</td><td>TEXT</td><td>e.g. {@code VIP}</td></tr>
 *   <tr><td>{@code customer.tags}</td><td>TEXT_SET</td><td>the customer's tags</td></tr>
 *   <tr><td>{@code customer.identities}</td><td>TEXT_SET</td><td>the identity types the customer has, e.g. {@code EMAIL}</td></tr>
 *   <tr><td>{@code field.<key>}</td><td>ANY</td><td>a custom field: text, number, boolean, ISO date or a set of choices</td></tr>
 * </table>
 *
 * Customer fields are unset when no customer was given. {@link #previous} compares with the ticket before
 * the current command when one is given (a new ticket had nothing before: every set field "changed").
 */
public final class TicketFacts implements Facts {

    /** The fields above. */
    public static final FieldSchema SCHEMA = FieldSchema.builder()
            .field(FieldSpec.ofEnum("status", TicketStatus.class))
            .field(FieldSpec.ofEnum("priority", Priority.class))
            .field("type", ValueKind.TEXT)
            .field("channel", ValueKind.TEXT)
            .field("subject", ValueKind.TEXT)
            .field("number", ValueKind.TEXT)
            .field("team", ValueKind.TEXT)
            .field("assignee", ValueKind.TEXT)
            .field("requester", ValueKind.TEXT)
            .field("tags", ValueKind.TEXT_SET)
            .field("created_at", ValueKind.INSTANT)
            .field("updated_at", ValueKind.INSTANT)
            .field("status_changed_at", ValueKind.INSTANT)
            .field("due_at", ValueKind.INSTANT)
            .field("solved_at", ValueKind.INSTANT)
            .field("first_reply_at", ValueKind.INSTANT)
            .field("order_count", ValueKind.NUMBER)
            .field(FieldSpec.ofNumber("customer.tier", tierLevels()))
            .field("customer.tier_name", ValueKind.TEXT)
            .field("customer.tags", ValueKind.TEXT_SET)
            .field("customer.identities", ValueKind.TEXT_SET)
            .prefix("field.", ValueKind.ANY)
            .build();

    private static java.util.Map<String, Integer> tierLevels() {
        java.util.Map<String, Integer> levels = new java.util.LinkedHashMap<>();
        for (MemberTier t : MemberTier.builtIns()) {
            levels.put(t.name(), t.level());
        }
        return levels;
    }

    private final Ticket ticket;
    private final Customer customer;
    private final Ticket before;
    private final boolean history;

    private TicketFacts(Ticket ticket, Customer customer, Ticket before, boolean history) {
        this.ticket = Objects.requireNonNull(ticket, "ticket");
        this.customer = customer;
        this.before = before;
        this.history = history;
    }

    /** Facts of a ticket and (nullable) its requester, without history. */
    public static TicketFacts of(Ticket ticket, Customer customer) {
        return new TicketFacts(ticket, customer, null, false);
    }

    /** Facts with history: {@code before} is the ticket before the command, null if the command created it. */
    public static TicketFacts of(Ticket ticket, Customer customer, Ticket before) {
        return new TicketFacts(ticket, customer, before, true);
    }

    /** The facts of the ticket a hook is looking at, with the command's history. */
    public static TicketFacts of(HookContext context) {
        return of(context.ticket(), context.requester(), context.before().orElse(null));
    }

    public Ticket ticket() {
        return ticket;
    }

    @Override
    public Object value(String field) {
        return read(ticket, field);
    }

    @Override
    public Object previous(String field) {
        if (!history) {
            return UNKNOWN;
        }
        if (field.startsWith("customer.")) {
            return UNKNOWN;
        }
        return before == null ? null : read(before, field);
    }

    private Object read(Ticket t, String field) {
        switch (field) {
            case "status": return t.status().name();
            case "priority": return t.priority().name();
            case "type": return t.type().orElse(null);
            case "channel": return t.channel().name();
            case "subject": return t.subject();
            case "number": return t.number().toString();
            case "team": return t.team().map(TeamId::value).orElse(null);
            case "assignee": return t.assignee().map(AgentId::value).orElse(null);
            case "requester": return t.requester().toString();
            case "tags": return t.tags();
            case "created_at": return t.createdAt();
            case "updated_at": return t.updatedAt();
            case "status_changed_at": return t.statusChangedAt();
            case "due_at": return t.dueAt().orElse(null);
            case "solved_at": return t.solvedAt().orElse(null);
            case "first_reply_at": return t.firstAgentReplyAt().orElse(null);
            case "order_count": return t.orders().size();
            case "customer.tier": return customer == null ? null : customer.tier().level();
            case "customer.tier_name": return customer == null ? null : customer.tier().name();
            case "customer.tags": return customer == null ? null : customer.tags();
            case "customer.identities": {
                if (customer == null) {
                    return null;
                }
                Set<String> types = new LinkedHashSet<>();
                for (ChannelIdentity i : customer.identities()) {
                    types.add(i.type().name());
                }
                return types;
            }
            default:
                if (field.startsWith("field.")) {
                    return custom(t.customFields().get(field.substring("field.".length())));
                }
                return null;
        }
    }

    private static Object custom(FieldValue value) {
        if (value == null) {
            return null;
        }
        if (value instanceof FieldValue.Text x) return x.value();
        if (value instanceof FieldValue.Number x) return x.value();
        if (value instanceof FieldValue.Bool x) return x.value();
        if (value instanceof FieldValue.Date x) return x.value().toString();
        if (value instanceof FieldValue.Choice x) return x.value();
        if (value instanceof FieldValue.Choices x) return x.values();
        return null;
    }
}
