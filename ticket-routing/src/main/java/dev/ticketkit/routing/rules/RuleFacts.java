package dev.ticketkit.routing.rules;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.condition.Facts;
import dev.ticketkit.core.spi.BusinessTime;
import java.lang.Character.UnicodeBlock;
import java.lang.Character.UnicodeScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The facts of one rule run: the ticket's facts as the engine has them now (read live, so later rules see
 * earlier changes; with the requester and every module's facts, such as {@code order.*}), the message this
 * command added, the command's events and elapsed times. Not thread-safe: one per run.
 */
final class RuleFacts implements Facts {
    private final Supplier<Ticket> ticket;
    private final Supplier<Facts> base;
    private final Customer customer;
    private final Message message;
    private final int eventMask;
    private final Set<String> slaMetric;
    private final Set<String> slaPolicy;
    private final Instant now;
    private final BusinessTime calendar;
    private final Instant lastUpdated;
    private final String customerNameFallback;

    /**
     * @param ticket the ticket now
     * @param base   its facts now (ticket, requester, module facts), with or without history
     * @param before the ticket before this command, or null
     */
    RuleFacts(Supplier<Ticket> ticket, Supplier<Facts> base, Customer customer, Ticket before, Message message,
              int eventMask, Set<String> slaMetric, Set<String> slaPolicy, Instant now, BusinessTime calendar,
              String customerNameFallback) {
        this.ticket = ticket;
        this.base = base;
        this.customer = customer;
        this.message = message;
        this.eventMask = eventMask;
        this.slaMetric = slaMetric;
        this.slaPolicy = slaPolicy;
        this.now = now;
        this.calendar = calendar;
        this.customerNameFallback = customerNameFallback;
        // the command being run stamps updatedAt with its own time; "since updated" means since the update
        // before this command, so it is read from the ticket as it was before (or as it is when the run starts)
        this.lastUpdated = before != null ? before.updatedAt() : ticket.get().updatedAt();
    }

    Ticket ticket() {
        return ticket.get();
    }

    int eventMask() {
        return eventMask;
    }

    @Override
    public Object value(String field) {
        switch (field) {
            case "text": {
                String s = ticket.get().subject();
                return message == null ? s : s + "\n" + message.text();
            }
            case "message.text": return message == null ? null : message.text();
            case "message.author": return message == null ? null : message.authorKind().name();
            case "message.visibility": return message == null ? null : message.visibility().name();
            case "message.channel": return message == null ? null : message.channel().name();
            case "message.language": return message == null ? null : language(message.text());
            case "event": return events(eventMask);
            case "event.sla_metric": return slaMetric;
            case "event.sla_policy": return slaPolicy;
            case "elapsed.since_created": return wall(ticket.get().createdAt());
            case "elapsed.since_updated": return wall(lastUpdated);
            case "elapsed.since_status_change": return wall(ticket.get().statusChangedAt());
            default:
                if (field.startsWith(RuleFields.BUSINESS)) {
                    return business(field.substring(RuleFields.BUSINESS.length()));
                }
                return base.get().value(field);
        }
    }

    @Override
    public Object previous(String field) {
        if (field.startsWith("message.") || field.startsWith("event") || field.startsWith("elapsed.")
                || field.equals("text")) {
            return UNKNOWN;
        }
        return base.get().previous(field);
    }

    @Override
    public Map<String, Object> namespace(String namespace) {
        return base.get().namespace(namespace);
    }

    private Duration wall(Instant from) {
        return now.isAfter(from) ? Duration.between(from, now) : Duration.ZERO;
    }

    private Duration business(String which) {
        if (calendar == null) {
            return null;
        }
        Ticket t = ticket.get();
        Instant from = switch (which) {
            case "since_created" -> t.createdAt();
            case "since_updated" -> lastUpdated;
            case "since_status_change" -> t.statusChangedAt();
            default -> null;
        };
        return from == null ? null : calendar.between(from, now);
    }

    static Set<String> events(int mask) {
        Set<String> out = new LinkedHashSet<>();
        for (RuleEvent e : RuleEvent.values()) {
            if ((mask & e.bit()) != 0) {
                out.add(e.symbol());
            }
        }
        return out;
    }

    /** A language guess from the script of the text: zh, ja, ko, en, or null. */
    static String language(String text) {
        boolean han = false;
        boolean latin = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            UnicodeScript s = UnicodeScript.of(cp);
            if (s == UnicodeScript.HIRAGANA || s == UnicodeScript.KATAKANA) {
                return "ja";
            }
            if (s == UnicodeScript.HANGUL) {
                return "ko";
            }
            if (s == UnicodeScript.HAN && UnicodeBlock.of(cp) != null) {
                han = true;
            } else if (s == UnicodeScript.LATIN) {
                latin = true;
            }
        }
        return han ? "zh" : latin ? "en" : null;
    }

    /**
     * The scope templates render over: ticket, customer, order, message and rule, as plain maps, lists and scalars
     * ({@link MessageTemplate#model}). A customer without a name (or no customer) is named by the fallback.
     */
    Map<String, Object> templateScope(String ruleId) {
        Ticket t = ticket.get();
        Map<String, Object> tk = new HashMap<>();
        tk.put("id", t.id().toString());
        tk.put("number", t.number().toString());
        tk.put("subject", t.subject());
        tk.put("status", t.status().name());
        tk.put("priority", t.priority().name());
        tk.put("channel", t.channel().name());
        tk.put("type", t.type().orElse(""));
        tk.put("team", t.team().map(TeamId::value).orElse(""));
        tk.put("assignee", t.assignee().map(AgentId::value).orElse(""));
        tk.put("tags", new ArrayList<>(t.tags()));
        Map<String, Object> cu = new HashMap<>();
        cu.put("name", customer == null || customer.displayName().isBlank() ? customerNameFallback : customer.displayName());
        if (customer != null) {
            cu.put("tier", customer.tier().level());
            cu.put("tier_name", customer.tier().name());
        }
        Map<String, Object> msg = new HashMap<>();
        if (message != null) {
            msg.put("text", message.text());
            msg.put("author", message.authorKind().name());
            msg.put("channel", message.channel().name());
        }
        Map<String, Object> scope = new HashMap<>();
        scope.put("ticket", tk);
        scope.put("customer", cu);
        scope.put("order", MessageTemplate.model(namespace("order")));
        scope.put("message", msg);
        scope.put("rule", Map.of("id", ruleId));
        return scope;
    }

    /** The latest message in a list, or null. */
    static Message latest(List<Message> messages) {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }
}
