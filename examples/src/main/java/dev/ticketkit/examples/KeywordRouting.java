package dev.ticketkit.examples;

import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.HookContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * STAND-IN until the {@code ticket-routing} module lands: routes a new ticket to a team by keywords in its
 * subject (Chinese and English), tags its language, and raises the priority for VIP members (HIGH, or URGENT
 * for a VIP's complaint). Real routing will be rules loaded from JSON/YAML; do not copy this into production.
 *
 * <p>Runs inside the creating command's transaction, so the ticket is never visible unrouted. Stateless and
 * therefore thread-safe.
 */
final class KeywordRouting implements CommandHook {
    private final Map<String, TeamId> keywords;
    private final TeamId fallback;

    /** @param keywords lower-case keyword to team, checked in order (first match wins) */
    KeywordRouting(Map<String, TeamId> keywords, TeamId fallback) {
        this.keywords = new LinkedHashMap<>(Objects.requireNonNull(keywords, "keywords"));
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public String name() {
        return "keyword-routing";
    }

    @Override
    public void beforeCommit(HookContext ctx) {
        if (ctx.before().isPresent()) {
            return; // only new tickets; later changes are the agents' business
        }
        Ticket t = ctx.ticket();
        String subject = t.subject().toLowerCase(Locale.ROOT);
        TicketUpdate.Builder change = TicketUpdate.builder();
        boolean changed = false;
        if (t.team().isEmpty()) {
            change.team(teamFor(subject));
            changed = true;
        }
        if (!t.tags().contains("lang-zh") && !t.tags().contains("lang-en")) {
            change.addTags(isChinese(t.subject()) ? "lang-zh" : "lang-en");
            changed = true;
        }
        if (ctx.requester().tier().compareTo(MemberTier.VIP) >= 0) {
            Priority wanted = isComplaint(subject) ? Priority.URGENT : Priority.HIGH;
            if (t.priority().compareTo(wanted) < 0) {
                change.priority(wanted).addTags("vip");
                changed = true;
            }
        }
        if (changed) {
            ctx.update(change.build());
        }
    }

    private TeamId teamFor(String subject) {
        for (Map.Entry<String, TeamId> e : keywords.entrySet()) {
            if (subject.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return fallback;
    }

    private static boolean isComplaint(String subject) {
        return List.of("投诉", "complaint", "差评").stream().anyMatch(subject::contains);
    }

    static boolean isChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
