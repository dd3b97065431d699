package dev.ticketkit.routing.rules;

import dev.ticketkit.config.LocatedTree;
import dev.ticketkit.core.condition.FieldSchema;

import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.condition.Condition;
import dev.ticketkit.core.condition.ConditionException;
import dev.ticketkit.core.condition.Conditions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a {@link LocatedTree} into a {@link RuleSet}; every mistake names its file position and path. */
final class RuleFileReader {
    private static final Set<String> TOP = Set.of("version", "calendar", "customer_name_fallback", "templates", "rules",
            "automations");
    private static final Set<String> RULE = Set.of("id", "description", "enabled", "on", "when", "actions");
    private static final Set<String> AUTOMATION = Set.of("id", "description", "enabled", "status", "after",
            "business_hours", "when", "actions");
    static final int MAX_RULES = 10_000;

    private final LocatedTree tree;
    private final Set<String> calendars;
    private final FieldSchema schema;
    private final Map<String, MessageTemplate> templates = new LinkedHashMap<>();

    private RuleFileReader(LocatedTree tree, Set<String> calendars, FieldSchema schema) {
        this.tree = tree;
        this.calendars = calendars;
        this.schema = schema;
    }

    /**
     * Reads a rule file.
     *
     * @param calendars the calendar names a file may name, or null to leave the check to {@link RuleEngine#replace}
     * @param schema    the fields conditions may test
     */
    static RuleSet read(LocatedTree tree, Set<String> calendars, FieldSchema schema) {
        return new RuleFileReader(tree, calendars, schema).read();
    }

    private RuleSet read() {
        Map<String, Object> top = map(tree.root(), "");
        keys(top, TOP, "");
        if (top.containsKey("version")) {
            Object v = top.get("version");
            if (!(v instanceof Number n) || n.intValue() != 1) {
                throw tree.error("version", "unsupported version (expected 1)");
            }
        }
        String calendar = null;
        if (top.get("calendar") != null) {
            calendar = text(top.get("calendar"), "calendar");
            if (calendars != null && !calendars.contains(calendar)) {
                throw tree.error("calendar", "unknown calendar \"" + calendar + "\" (registered: "
                        + (calendars.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(calendars))) + ")");
            }
        }
        String nameFallback = null;
        if (top.containsKey("customer_name_fallback")) {
            nameFallback = text(top.get("customer_name_fallback"), "customer_name_fallback");
            String problem = RuleSet.fallbackProblem(nameFallback);
            if (problem != null) {
                throw tree.error("customer_name_fallback", problem);
            }
        }
        if (top.get("templates") != null) {
            Map<String, Object> ts = map(top.get("templates"), "templates");
            for (Map.Entry<String, Object> e : ts.entrySet()) {
                templates.put(e.getKey(), template(e.getValue(), "templates." + e.getKey()));
            }
        }
        List<Trigger> triggers = new ArrayList<>();
        List<Object> rules = top.get("rules") == null ? List.of() : list(top.get("rules"), "rules");
        if (rules.size() > MAX_RULES) {
            throw tree.error("rules", "more than " + MAX_RULES + " rules");
        }
        for (int i = 0; i < rules.size(); i++) {
            Trigger t = trigger(rules.get(i), "rules[" + i + "]");
            if (t != null) {
                triggers.add(t);
            }
        }
        List<Automation> autos = new ArrayList<>();
        List<Object> as = top.get("automations") == null ? List.of() : list(top.get("automations"), "automations");
        for (int i = 0; i < as.size(); i++) {
            Automation a = automation(as.get(i), "automations[" + i + "]");
            if (a != null) {
                autos.add(a);
            }
        }
        RuleSet set = new RuleSet(tree.source(), calendar, triggers, autos, tree::locate, nameFallback);
        if (calendar == null && set.needsCalendar()) {
            throw tree.error("calendar", "business hours are used but the file names no calendar");
        }
        return set;
    }

    private Trigger trigger(Object node, String path) {
        Map<String, Object> m = map(node, path);
        keys(m, RULE, path);
        String id = id(m, path);
        boolean enabled = !m.containsKey("enabled") || bool(m.get("enabled"), path + ".enabled");
        Set<RuleEvent> on = Trigger.DEFAULT_EVENTS;
        if (m.get("on") != null) {
            Object v = m.get("on");
            Collection<?> items = v instanceof Collection<?> c ? c : List.of(v);
            EnumSet<RuleEvent> es = EnumSet.noneOf(RuleEvent.class);
            int k = 0;
            for (Object item : items) {
                String p = v instanceof Collection<?> ? path + ".on[" + k + "]" : path + ".on";
                RuleEvent e = RuleEvent.of(text(item, p)).orElseThrow(() -> tree.error(p, "unknown event \"" + item
                        + "\" (expected created, updated, message_added, sla_warning, sla_breached)"));
                if (e == RuleEvent.TICK) {
                    throw tree.error(p, "\"tick\" is for automations");
                }
                es.add(e);
                k++;
            }
            if (es.isEmpty()) {
                throw tree.error(path + ".on", "must list at least one event");
            }
            on = es;
        }
        Condition when = condition(m, path);
        List<Action> actions = actions(m, path);
        return enabled ? new Trigger(id, on, when, actions) : null;
    }

    private Automation automation(Object node, String path) {
        Map<String, Object> m = map(node, path);
        keys(m, AUTOMATION, path);
        String id = id(m, path);
        boolean enabled = !m.containsKey("enabled") || bool(m.get("enabled"), path + ".enabled");
        if (m.get("status") == null) {
            throw tree.error(path + ".status", "missing (the status the ticket stays in, e.g. PENDING)");
        }
        TicketStatus status = enumValue(TicketStatus.class, m.get("status"), path + ".status");
        if (status == TicketStatus.CLOSED) {
            throw tree.error(path + ".status", "a closed ticket can't change");
        }
        if (m.get("after") == null) {
            throw tree.error(path + ".after", "missing (e.g. 72h, 4d, PT96H)");
        }
        Duration after = duration(m.get("after"), path + ".after");
        boolean business = m.containsKey("business_hours") && bool(m.get("business_hours"), path + ".business_hours");
        Condition when = condition(m, path);
        List<Action> actions = actions(m, path);
        return enabled ? new Automation(id, status, after, business, when, actions) : null;
    }

    private String id(Map<String, Object> m, String path) {
        if (m.get("id") == null) {
            throw tree.error(path + ".id", "missing");
        }
        String id = text(m.get("id"), path + ".id");
        if (!Trigger.ID.matcher(id).matches()) {
            throw tree.error(path + ".id", "an id holds 1 to 64 letters, digits and _.- only");
        }
        return id;
    }

    private Condition condition(Map<String, Object> m, String path) {
        if (m.get("when") == null) {
            return Condition.always();
        }
        try {
            return Conditions.parse(m.get("when"), schema, path + ".when");
        } catch (ConditionException e) {
            String msg = e.getMessage();
            String problem = msg.startsWith(e.path() + ": ") ? msg.substring(e.path().length() + 2) : msg;
            throw tree.error(e.path(), problem);
        }
    }

    private List<Action> actions(Map<String, Object> m, String path) {
        if (m.get("actions") == null) {
            throw tree.error(path + ".actions", "missing (a rule needs at least one action)");
        }
        List<Object> items = list(m.get("actions"), path + ".actions");
        if (items.isEmpty()) {
            throw tree.error(path + ".actions", "must list at least one action");
        }
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(action(items.get(i), path + ".actions[" + i + "]"));
        }
        return out;
    }

    private Action action(Object node, String path) {
        Map<String, Object> m = map(node, path);
        if (m.size() != 1) {
            throw tree.error(path, "an action is a map with exactly one key, such as set_team: after-sales");
        }
        String kind = m.keySet().iterator().next();
        Object v = m.get(kind);
        String p = path + "." + kind;
        switch (kind) {
            case "set_status":
                return new Action.SetStatus(enumValue(TicketStatus.class, v, p));
            case "set_priority":
                return new Action.SetPriority(enumValue(Priority.class, v, p));
            case "set_type":
                return new Action.SetType(v == null ? null : text(v, p));
            case "set_team":
                return new Action.SetTeam(v == null ? null : team(v, p));
            case "set_assignee":
                return new Action.SetAssignee(v == null ? null : agent(v, p));
            case "set_field": {
                Map<String, Object> f = map(v, p);
                keys(f, Set.of("key", "value"), p);
                if (f.get("key") == null) {
                    throw tree.error(p + ".key", "missing");
                }
                Object value = f.get("value");
                if (value instanceof Map<?, ?>) {
                    throw tree.error(p + ".value", "expected a value or a list of choices, got a map");
                }
                return new Action.SetField(text(f.get("key"), p + ".key"), value);
            }
            case "add_tags":
                return new Action.AddTags(tags(v, p));
            case "remove_tags":
                return new Action.RemoveTags(tags(v, p));
            case "note":
                return new Action.AddNote(templateRef(v, p));
            case "reply": {
                if (v instanceof Map<?, ?> && map(v, p).containsKey("html")) {
                    Map<String, Object> r = new LinkedHashMap<>(map(v, p));
                    Object html = r.remove("html");
                    if (html == null) {
                        throw tree.error(p + ".html", "expected a template text or { template: name }");
                    }
                    return new Action.Reply(templateRef(r, p), templateRef(html, p + ".html"));
                }
                return new Action.Reply(templateRef(v, p));
            }
            case "notify": {
                if (v instanceof String topic) {
                    return new Action.Notify(topic(topic, p), Map.of());
                }
                Map<String, Object> n = map(v, p);
                keys(n, Set.of("topic", "attributes"), p);
                String topic = topic(text(n.get("topic"), p + ".topic"), p + ".topic");
                Map<String, MessageTemplate> attrs = new LinkedHashMap<>();
                if (n.get("attributes") != null) {
                    Map<String, Object> a = map(n.get("attributes"), p + ".attributes");
                    for (Map.Entry<String, Object> e : a.entrySet()) {
                        attrs.put(e.getKey(), template(e.getValue(), p + ".attributes." + e.getKey()));
                    }
                }
                return new Action.Notify(topic, attrs);
            }
            case "apply_sla": {
                String name = text(v, p);
                try {
                    return new Action.ApplySlaPolicy(name);
                } catch (IllegalArgumentException e) {
                    throw tree.error(p, e.getMessage());
                }
            }
            case "create_task": {
                Map<String, Object> c = map(v, p);
                keys(c, Set.of("team", "subject", "request", "priority"), p);
                if (c.get("team") == null) {
                    throw tree.error(p + ".team", "missing");
                }
                if (c.get("subject") == null) {
                    throw tree.error(p + ".subject", "missing");
                }
                return new Action.CreateChildTask(team(c.get("team"), p + ".team"), template(c.get("subject"), p + ".subject"),
                        c.get("request") == null ? null : template(c.get("request"), p + ".request"),
                        c.get("priority") == null ? null : enumValue(Priority.class, c.get("priority"), p + ".priority"));
            }
            case "escalate": {
                Map<String, Object> c = v == null ? Map.of() : map(v, p);
                keys(c, Set.of("raise_priority", "team", "topic"), p);
                boolean raise = !c.containsKey("raise_priority") || bool(c.get("raise_priority"), p + ".raise_priority");
                TeamId team = c.get("team") == null ? null : team(c.get("team"), p + ".team");
                String topic = c.get("topic") == null ? "escalation" : topic(text(c.get("topic"), p + ".topic"), p + ".topic");
                if (!raise && team == null) {
                    throw tree.error(p, "escalate needs raise_priority: true or a team");
                }
                return new Action.Escalate(raise, team, topic);
            }
            case "stop":
                if (v != null && !bool(v, p)) {
                    throw tree.error(p, "stop: false does nothing; leave it out");
                }
                return new Action.Stop();
            default:
                throw tree.error(p, "unknown action \"" + kind + "\" (expected set_status, set_priority, set_type, "
                        + "set_team, set_assignee, set_field, add_tags, remove_tags, note, reply, notify, apply_sla, "
                        + "create_task, escalate, stop)");
        }
    }

    private String topic(String topic, String path) {
        if (!topic.matches("[A-Za-z0-9_.:\\-]{1,64}")) {
            throw tree.error(path, "a topic holds 1 to 64 letters, digits and _.:- only");
        }
        return topic;
    }

    private MessageTemplate templateRef(Object v, String path) {
        if (v instanceof Map<?, ?>) {
            Map<String, Object> m = map(v, path);
            keys(m, Set.of("template", "text"), path);
            if (m.get("template") != null) {
                if (m.containsKey("text")) {
                    throw tree.error(path, "give template or text, not both");
                }
                String name = text(m.get("template"), path + ".template");
                MessageTemplate t = templates.get(name);
                if (t == null) {
                    throw tree.error(path + ".template", "unknown template \"" + name + "\"");
                }
                return t;
            }
            return template(m.get("text"), path + ".text");
        }
        return template(v, path);
    }

    private MessageTemplate template(Object v, String path) {
        String text = text(v, path);
        try {
            return MessageTemplate.of(text);
        } catch (IllegalArgumentException e) {
            throw tree.error(path, e.getMessage());
        }
    }

    private TeamId team(Object v, String path) {
        try {
            return TeamId.of(text(v, path));
        } catch (IllegalArgumentException e) {
            throw tree.error(path, "not a team id: " + e.getMessage());
        }
    }

    private AgentId agent(Object v, String path) {
        try {
            return AgentId.of(text(v, path));
        } catch (IllegalArgumentException e) {
            throw tree.error(path, "not an agent id: " + e.getMessage());
        }
    }

    private Set<String> tags(Object v, String path) {
        Collection<?> items = v instanceof Collection<?> c ? c : List.of(v == null ? "" : v);
        Set<String> out = new LinkedHashSet<>();
        int i = 0;
        for (Object item : items) {
            String p = v instanceof Collection<?> ? path + "[" + i + "]" : path;
            String tag = text(item, p).strip().toLowerCase(Locale.ROOT);
            if (!tag.matches("[\\p{L}\\p{N}_.:/+#\\-]{1,64}")) {
                throw tree.error(p, "a tag holds 1 to 64 letters, digits and _.:/+#- only");
            }
            out.add(tag);
            i++;
        }
        if (out.isEmpty()) {
            throw tree.error(path, "must list at least one tag");
        }
        return out;
    }

    private Duration duration(Object v, String path) {
        Duration d = tree.duration(v, path);
        if (d.isZero() || d.compareTo(Duration.ofDays(3650)) > 0) {
            throw tree.error(path, "expected a positive duration such as 72h, 4d, 1h30m, 90s or PT96H (at most 10 years)");
        }
        return d;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, Object v, String path) {
        String s = text(v, path).trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw tree.error(path, "\"" + s + "\" is not one of " + String.join(", ", names));
    }

    private boolean bool(Object v, String path) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw tree.error(path, "expected true or false, got " + kind(v));
    }

    private String text(Object v, String path) {
        if (v instanceof String s) {
            if (s.isBlank()) {
                throw tree.error(path, "must not be blank");
            }
            return s;
        }
        if (v instanceof Number || v instanceof BigDecimal) {
            return v.toString();
        }
        throw tree.error(path, v == null ? "missing" : "expected text, got " + kind(v));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String path) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw tree.error(path, "expected a map, got " + kind(v));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object v, String path) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw tree.error(path, "expected a list, got " + kind(v));
    }

    private void keys(Map<String, Object> m, Set<String> allowed, String path) {
        tree.onlyKeys(m, allowed, path);
    }

    private static String kind(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Map<?, ?>) return "a map";
        if (v instanceof Collection<?>) return "a list";
        if (v instanceof String) return "text";
        if (v instanceof Number) return "a number";
        if (v instanceof Boolean) return "true/false";
        return v.getClass().getSimpleName();
    }
}
