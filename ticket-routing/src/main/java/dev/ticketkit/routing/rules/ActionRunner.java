package dev.ticketkit.routing.rules;

import dev.ticketkit.core.ChildTask;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.FieldValue;
import dev.ticketkit.core.LinkType;
import dev.ticketkit.core.NewMessage;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketException;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.HookContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a rule's actions to a ticket through its hook context, each on its own. */
final class ActionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

    private ActionRunner() {
    }

    /**
     * Runs the actions in order; a failing action is logged, added to {@code failures} and skipped.
     *
     * @return whether one of them was {@code stop}
     */
    static boolean run(HookContext ctx, RuleFacts facts, String rule, List<Action> actions,
                       List<RuleRun.ActionFailure> failures) {
        boolean stop = false;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a instanceof Action.Stop) {
                stop = true;
                continue;
            }
            try {
                apply(ctx, facts, rule, a);
            } catch (RuntimeException e) {
                String error = e instanceof TicketException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                        : e.getClass().getSimpleName();
                LOG.warn("rule {} action {} ({}) failed on ticket {}: {}", rule, i, kind(a), ctx.ticket().id(), error);
                failures.add(new RuleRun.ActionFailure(rule, i, kind(a), error));
            }
        }
        return stop;
    }

    static String kind(Action a) {
        if (a instanceof Action.SetStatus) return "set_status";
        if (a instanceof Action.SetPriority) return "set_priority";
        if (a instanceof Action.SetType) return "set_type";
        if (a instanceof Action.SetTeam) return "set_team";
        if (a instanceof Action.SetAssignee) return "set_assignee";
        if (a instanceof Action.SetField) return "set_field";
        if (a instanceof Action.AddTags) return "add_tags";
        if (a instanceof Action.RemoveTags) return "remove_tags";
        if (a instanceof Action.AddNote) return "note";
        if (a instanceof Action.Reply) return "reply";
        if (a instanceof Action.Notify) return "notify";
        if (a instanceof Action.ApplySlaPolicy) return "apply_sla";
        if (a instanceof Action.CreateChildTask) return "create_task";
        if (a instanceof Action.Escalate) return "escalate";
        return "stop";
    }

    private static void apply(HookContext ctx, RuleFacts facts, String rule, Action action) {
        Ticket t = ctx.ticket();
        if (action instanceof Action.SetStatus a) {
            if (t.status() != a.status()) {
                ctx.update(TicketUpdate.status(a.status()));
            }
        } else if (action instanceof Action.SetPriority a) {
            if (t.priority() != a.priority()) {
                ctx.update(TicketUpdate.priority(a.priority()));
            }
        } else if (action instanceof Action.SetType a) {
            ctx.update(a.type() == null ? TicketUpdate.builder().clearType().build() : TicketUpdate.builder().type(a.type()).build());
        } else if (action instanceof Action.SetTeam a) {
            ctx.update(a.team() == null ? TicketUpdate.builder().clearTeam().build() : TicketUpdate.builder().team(a.team()).build());
        } else if (action instanceof Action.SetAssignee a) {
            ctx.update(a.agent() == null ? TicketUpdate.builder().unassign().build() : TicketUpdate.builder().assignee(a.agent()).build());
        } else if (action instanceof Action.SetField a) {
            setField(ctx, a);
        } else if (action instanceof Action.AddTags a) {
            String[] missing = a.tags().stream().filter(x -> !t.tags().contains(x)).toArray(String[]::new);
            if (missing.length > 0) {
                ctx.update(TicketUpdate.builder().addTags(missing).build());
            }
        } else if (action instanceof Action.RemoveTags a) {
            String[] present = a.tags().stream().filter(t.tags()::contains).toArray(String[]::new);
            if (present.length > 0) {
                ctx.update(TicketUpdate.builder().removeTags(present).build());
            }
        } else if (action instanceof Action.AddNote a) {
            ctx.addNote(render(a.template(), facts, rule));
        } else if (action instanceof Action.Reply a) {
            NewMessage reply = NewMessage.text(render(a.template(), facts, rule));
            if (a.html() != null) {
                reply = reply.withHtml(a.html().render(facts.templateScope(rule), MessageTemplate.Target.HTML));
            }
            ctx.addReply(reply);
        } else if (action instanceof Action.Notify a) {
            Map<String, String> attrs = new LinkedHashMap<>();
            if (!a.attributes().isEmpty()) {
                Map<String, Object> scope = facts.templateScope(rule);
                a.attributes().forEach((k, v) -> attrs.put(k, v.render(scope, MessageTemplate.Target.TEXT)));
            }
            notify(ctx, rule, a.topic(), attrs);
        } else if (action instanceof Action.ApplySlaPolicy a) {
            String tag = a.tag();
            List<String> others = new ArrayList<>();
            for (String x : t.tags()) {
                if (x.startsWith(Action.SLA_POLICY_TAG_PREFIX) && !x.equals(tag)) {
                    others.add(x);
                }
            }
            if (!others.isEmpty() || !t.tags().contains(tag)) {
                TicketUpdate.Builder b = TicketUpdate.builder();
                if (!t.tags().contains(tag)) {
                    b.addTags(tag);
                }
                if (!others.isEmpty()) {
                    b.removeTags(others.toArray(String[]::new));
                }
                ctx.update(b.build());
            }
        } else if (action instanceof Action.CreateChildTask a) {
            if (ctx.before().isEmpty() && !t.linked(LinkType.PARENT).isEmpty()) {
                throw new RuleActionException("a task created in this command does not create tasks itself");
            }
            String subject = render(a.subject(), facts, rule);
            String request = a.request() == null ? "" : a.request().render(facts.templateScope(rule), MessageTemplate.Target.TEXT).strip();
            ctx.createChildTask(new ChildTask(a.team(), subject.strip(), request, a.priority()));
        } else if (action instanceof Action.Escalate a) {
            TeamId from = t.team().orElse(null);
            if (a.team() != null && !a.team().equals(from)) {
                ctx.update(TicketUpdate.builder().team(a.team()).build());
            }
            Priority p = ctx.ticket().priority();
            if (a.raisePriority() && p != Priority.URGENT) {
                ctx.update(TicketUpdate.priority(Priority.values()[p.ordinal() + 1]));
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("priority", ctx.ticket().priority().name());
            ctx.ticket().team().ifPresent(x -> attrs.put("team", x.value()));
            notify(ctx, rule, a.topic(), attrs);
        } else {
            throw new IllegalStateException("unknown action " + action.getClass().getSimpleName());
        }
    }

    private static void notify(HookContext ctx, String rule, String topic, Map<String, String> attrs) {
        Ticket t = ctx.ticket();
        Map<String, String> all = new LinkedHashMap<>(attrs);
        all.put("rule", rule);
        all.put("ticket", t.id().toString());
        all.put("number", t.number().toString());
        ctx.emit(meta -> new TicketEvent.NotificationRequested(meta, topic, all));
    }

    /** Renders a plain-text template (notes, reply text, task subjects); blank output is a failure. */
    private static String render(MessageTemplate template, RuleFacts facts, String rule) {
        String text = template.render(facts.templateScope(rule), MessageTemplate.Target.TEXT);
        if (text.isBlank()) {
            throw new RuleActionException("the template of rule " + rule + " rendered no text");
        }
        return text;
    }

    private static void setField(HookContext ctx, Action.SetField a) {
        if (a.value() == null) {
            ctx.update(TicketUpdate.builder().clearField(a.key()).build());
            return;
        }
        FieldDefinition def = null;
        for (FieldDefinition d : ctx.fieldDefinitions()) {
            if (d.key().equals(a.key())) {
                def = d;
            }
        }
        if (def == null) {
            throw new RuleActionException("custom field " + a.key() + " is not defined in this tenant");
        }
        ctx.update(TicketUpdate.builder().field(a.key(), fieldValue(def, a.value())).build());
    }

    static FieldValue fieldValue(FieldDefinition def, Object v) {
        try {
            switch (def.type()) {
                case TEXT:
                    return FieldValue.text(String.valueOf(v));
                case NUMBER:
                    return FieldValue.number(v instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(v)));
                case BOOLEAN:
                    if (v instanceof Boolean b) {
                        return FieldValue.bool(b);
                    }
                    break;
                case DATE:
                    return FieldValue.date(LocalDate.parse(String.valueOf(v)));
                case SINGLE_SELECT:
                    return FieldValue.choice(String.valueOf(v));
                case MULTI_SELECT: {
                    Set<String> options = new HashSet<>();
                    if (v instanceof Collection<?> c) {
                        c.forEach(x -> options.add(String.valueOf(x)));
                    } else {
                        options.add(String.valueOf(v));
                    }
                    return FieldValue.choices(options.toArray(String[]::new));
                }
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the error below
        }
        throw new RuleActionException("value for custom field " + def.key() + " is not a " + def.type().name().toLowerCase(java.util.Locale.ROOT));
    }
}
