package dev.ticketkit.routing.rules;

import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.spi.BusinessTime;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkContext;
import dev.ticketkit.core.spi.HookContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command hook of the rules and the handler of automation due work. */
final class RulesHook implements CommandHook {
    private static final Logger LOG = LoggerFactory.getLogger(RulesHook.class);

    private final RuleEngine engine;

    RulesHook(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return RuleEngine.HOOK_NAME;
    }

    @Override
    public void beforeCommit(HookContext ctx) {
        Ticket ticket = ctx.ticket();
        AtomicReference<RuleSet> ref = engine.ref(ticket.tenantId());
        RuleSet set = ref == null ? null : ref.get(); // one snapshot for the whole command
        if (set == null) {
            return;
        }
        if (!set.triggers().isEmpty()) {
            runTriggers(ctx, set);
        }
        if (!set.automations().isEmpty()) {
            scheduleAutomations(ctx, set);
        }
    }

    // ---- triggers ------------------------------------------------------------------------------

    private void runTriggers(HookContext ctx, RuleSet set) {
        boolean created = ctx.before().isEmpty();
        int mask = created ? RuleEvent.CREATED.bit() : 0;
        java.util.Set<String> metric = new java.util.TreeSet<>();
        java.util.Set<String> policy = new java.util.TreeSet<>();
        for (TicketEvent e : ctx.events()) {
            if (e instanceof TicketEvent.SlaWarning w) {
                mask |= RuleEvent.SLA_WARNING.bit();
                metric.add(w.metric());
                policy.add(w.policy());
            } else if (e instanceof TicketEvent.SlaBreached b) {
                mask |= RuleEvent.SLA_BREACHED.bit();
                metric.add(b.metric());
                policy.add(b.policy());
            } else if (e instanceof TicketEvent.MessageAdded) {
                mask |= RuleEvent.MESSAGE_ADDED.bit() | (created ? 0 : RuleEvent.UPDATED.bit());
            } else if (!(e instanceof TicketEvent.TicketCreated || e instanceof TicketEvent.DueAtChanged
                    || e instanceof TicketEvent.NotificationRequested || e instanceof TicketEvent.ExtensionEvent)) {
                if (!created) {
                    mask |= RuleEvent.UPDATED.bit();
                }
            }
        }
        if (mask == 0) {
            return;
        }
        RuleFacts facts = new RuleFacts(ctx::ticket, ctx::facts, ctx.requester(), ctx.before().orElse(null),
                latest(ctx.newMessages()), mask, metric.isEmpty() ? null : metric, policy.isEmpty() ? null : policy,
                ctx.now(), engine.calendarOf(set), engine.customerNameFallback(set));
        TriggerIndex ix = set.index();
        long[] done = ix.newBits();
        List<String> fired = new ArrayList<>();
        List<RuleRun.ActionFailure> failures = new ArrayList<>();
        List<String> cut = List.of();
        boolean[] stopped = {false};
        int passes = 0;
        while (true) {
            passes++;
            boolean[] changed = {false};
            set.evaluate(facts, mask, done, trigger -> {
                fired.add(trigger.id());
                Ticket before = ctx.ticket();
                boolean stop = ActionRunner.run(ctx, facts, trigger.id(), trigger.actions(), failures);
                boolean moved = ctx.ticket() != before;
                changed[0] |= moved;
                return stop ? RuleSet.Flow.STOP : moved ? RuleSet.Flow.CHANGED : RuleSet.Flow.CONTINUE;
            }, stopped);
            if (stopped[0] || !changed[0]) {
                break;
            }
            if (passes >= engine.maxPasses()) {
                List<String> still = new ArrayList<>();
                set.evaluate(facts, mask, done.clone(), t -> {
                    still.add(t.id());
                    return RuleSet.Flow.CONTINUE;
                }, null);
                if (!still.isEmpty()) {
                    cut = still;
                    LOG.warn("ticket {}: rule chain cut after {} passes; fired {}, still matching {}",
                            ctx.ticket().id(), passes, fired, still);
                }
                break;
            }
        }
        if (!fired.isEmpty() || !cut.isEmpty()) {
            engine.report(new RuleRun(ctx.ticket().tenantId(), ctx.ticket().id(), null, fired, failures, cut, passes, stopped[0]));
        }
    }

    /** The latest message a person wrote in this command, else the latest one. */
    private static Message latest(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).authorKind() != AuthorKind.SYSTEM) {
                return messages.get(i);
            }
        }
        return RuleFacts.latest(messages);
    }

    // ---- automations ---------------------------------------------------------------------------

    static String key(String automation, TicketId ticket, Instant occasion) {
        return "rules:" + automation + ":" + ticket + ":" + occasion.toEpochMilli();
    }

    private void scheduleAutomations(HookContext ctx, RuleSet set) {
        Ticket now = ctx.ticket();
        Ticket before = ctx.before().orElse(null);
        boolean entered = before == null || before.status() != now.status()
                || !before.statusChangedAt().equals(now.statusChangedAt());
        if (!entered) {
            return;
        }
        for (Automation a : set.automations()) {
            if (before != null && a.status() == before.status()) {
                ctx.cancel(key(a.id(), before.id(), before.statusChangedAt()));
            }
            if (a.status() == now.status()) {
                Instant due = dueAt(a, now.statusChangedAt(), engine.calendarOf(set));
                ctx.schedule(new DueWork(now.tenantId(), key(a.id(), now.id(), now.statusChangedAt()),
                        RuleEngine.AUTOMATION_WORK_TYPE, now.id(), due, a.id() + "@" + now.statusChangedAt().toEpochMilli(), 0));
            }
        }
    }

    private static Instant dueAt(Automation a, Instant from, BusinessTime calendar) {
        return a.businessHours() && calendar != null ? calendar.plus(from, a.after()) : from.plus(a.after());
    }

    /** Runs one automation occasion: re-checks status, occasion, time and condition, then applies the actions. */
    void fireAutomation(DueWorkContext dctx) {
        DueWork w = dctx.work();
        String payload = w.payload();
        int at = payload.lastIndexOf('@');
        if (at <= 0 || w.ticketId() == null) {
            LOG.warn("automation work {} has a bad payload; dropped", w.key());
            return;
        }
        String id = payload.substring(0, at);
        long occasion;
        try {
            occasion = Long.parseLong(payload.substring(at + 1));
        } catch (NumberFormatException e) {
            LOG.warn("automation work {} has a bad payload; dropped", w.key());
            return;
        }
        TenantId tenant = w.tenantId();
        AtomicReference<RuleSet> ref = engine.ref(tenant);
        RuleSet set = ref == null ? null : ref.get();
        Automation a = set == null ? null : set.automation(id).orElse(null);
        if (a == null) {
            LOG.debug("automation {} of tenant {} no longer exists; work {} dropped", id, tenant, w.key());
            return;
        }
        BusinessTime calendar = engine.calendarOf(set);
        Instant[] later = {null};
        dctx.onTicket(w.ticketId(), h -> {
            Ticket t = h.ticket();
            if (t.status() != a.status() || t.statusChangedAt().toEpochMilli() != occasion) {
                return; // the ticket left the status (or this is an old occasion)
            }
            Instant due = dueAt(a, t.statusChangedAt(), calendar);
            if (dctx.now().isBefore(due)) {
                later[0] = due; // the rule set changed "after" since this was scheduled
                return;
            }
            RuleFacts facts = new RuleFacts(h::ticket, h::facts, h.requester(), null, null, RuleEvent.TICK.bit(), null,
                    null, h.now(), calendar, engine.customerNameFallback(set));
            if (!a.when().test(facts)) {
                return;
            }
            List<RuleRun.ActionFailure> failures = new ArrayList<>();
            boolean stop = ActionRunner.run(h, facts, a.id(), a.actions(), failures);
            engine.report(new RuleRun(tenant, t.id(), a.id(), List.of(a.id()), failures, List.of(), 1, stop));
        });
        if (later[0] != null) {
            dctx.schedule(new DueWork(tenant, w.key(), w.type(), w.ticketId(), later[0], w.payload(), 0));
        }
    }
}
