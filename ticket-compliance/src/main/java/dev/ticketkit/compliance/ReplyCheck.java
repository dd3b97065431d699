package dev.ticketkit.compliance;

import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks every outgoing public reply (by an agent, or by the system: rule replies, macros, auto-replies) against
 * banned-phrase lists, as an engine module, in the command that adds the reply:
 * <ul>
 *   <li>{@link Action#BLOCK}: the command fails with a {@link BannedPhraseException} naming the phrase and its
 *       position; nothing is written.</li>
 *   <li>{@link Action#WARN}: the reply goes out; the command also records an {@code ext.compliance.phrase} event
 *       (list, phrase, position, message id) and an internal note for the team lead.</li>
 * </ul>
 * Customers' messages and internal notes are not checked. Lists apply to every tenant ({@link Builder#list}) or to
 * one ({@link Builder#list(TenantId, String, BannedPhrases, Action)}); a tenant's own lists come on top of the
 * shared ones.
 *
 * <pre>{@code
 * ReplyCheck check = ReplyCheck.builder()
 *         .list("finance", BannedPhrases.of(List.of("保本", "无风险", "稳赚")), ReplyCheck.Action.BLOCK)
 *         .list("advertising-law", BannedPhrases.defaults(), ReplyCheck.Action.WARN)
 *         .build();
 * TicketEngine engine = TicketEngine.builder().store(store).module(check).build();
 * }</pre>
 */
public final class ReplyCheck implements TicketModule {
    /** The event a warning records. */
    public static final String EVENT = "compliance.phrase";

    /** What a hit does. */
    public enum Action {
        /** Refuse the reply: the command fails and nothing is written. */
        BLOCK,
        /** Let the reply go and record the hit (an event and an internal note). */
        WARN
    }

    private record Rule(String name, BannedPhrases phrases, Action action) {
    }

    private final List<Rule> shared;
    private final Map<TenantId, List<Rule>> byTenant;

    private ReplyCheck(Builder b) {
        this.shared = List.copyOf(b.shared);
        Map<TenantId, List<Rule>> m = new HashMap<>();
        b.byTenant.forEach((t, rules) -> m.put(t, List.copyOf(rules)));
        this.byTenant = Map.copyOf(m);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "compliance.replies";
    }

    @Override
    public void install(ModuleContext context) {
        context.hook(new CommandHook() {
            @Override
            public String name() {
                return "compliance.replies";
            }

            @Override
            public void beforeCommit(HookContext ctx) {
                check(ctx);
            }
        });
    }

    private void check(HookContext ctx) {
        List<Rule> rules = new ArrayList<>(shared);
        rules.addAll(byTenant.getOrDefault(ctx.ticket().tenantId(), List.of()));
        if (rules.isEmpty()) {
            return;
        }
        for (Message m : List.copyOf(ctx.newMessages())) {
            if (m.visibility() != Visibility.PUBLIC
                    || (m.authorKind() != AuthorKind.AGENT && m.authorKind() != AuthorKind.SYSTEM)) {
                continue;
            }
            for (Rule r : rules) {
                List<PhraseHit> hits = r.phrases().find(m.text());
                if (hits.isEmpty()) {
                    continue;
                }
                if (r.action() == Action.BLOCK) {
                    throw new BannedPhraseException(r.name(), hits.get(0));
                }
                for (PhraseHit h : hits) {
                    Map<String, String> a = new LinkedHashMap<>();
                    a.put("list", r.name());
                    a.put("phrase", h.phrase());
                    a.put("start", String.valueOf(h.start()));
                    a.put("end", String.valueOf(h.end()));
                    a.put("message", m.id().toString());
                    ctx.emit(meta -> new TicketEvent.ExtensionEvent(meta, EVENT, a));
                }
                ctx.addNote("Compliance (" + r.name() + "): the reply contains " + hits.size() + " banned phrase(s), first \""
                        + hits.get(0).phrase() + "\" at " + hits.get(0).start() + ".");
            }
        }
    }

    /** Builds a {@link ReplyCheck}. */
    public static final class Builder {
        private final List<Rule> shared = new ArrayList<>();
        private final Map<TenantId, List<Rule>> byTenant = new HashMap<>();

        private Builder() {
        }

        /** A list every tenant's replies are checked against. */
        public Builder list(String name, BannedPhrases phrases, Action action) {
            shared.add(rule(name, phrases, action));
            return this;
        }

        /** A list one tenant's replies are checked against, on top of the shared ones. */
        public Builder list(TenantId tenant, String name, BannedPhrases phrases, Action action) {
            byTenant.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new ArrayList<>())
                    .add(rule(name, phrases, action));
            return this;
        }

        private static Rule rule(String name, BannedPhrases phrases, Action action) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a list needs a name");
            }
            return new Rule(name, Objects.requireNonNull(phrases, "phrases"), Objects.requireNonNull(action, "action"));
        }

        public ReplyCheck build() {
            return new ReplyCheck(this);
        }
    }
}
