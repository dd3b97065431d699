package dev.ticketkit.examples;

import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.TicketUpdate;
import dev.ticketkit.core.spi.CommandHook;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.DueWorkContext;
import dev.ticketkit.core.spi.DueWorkHandler;
import dev.ticketkit.core.spi.HookContext;
import dev.ticketkit.core.spi.ModuleContext;
import dev.ticketkit.core.spi.TicketModule;
import java.time.Duration;
import java.util.Objects;

/**
 * A time-based automation built from the core's extension points: when a ticket becomes SOLVED, schedule
 * due work {@code autoclose:<ticketId>} after {@code delay}; when it runs, close the ticket if it is still
 * SOLVED. A customer reply reopens the ticket (SOLVED to OPEN), which cancels the pending close; solving it
 * again reschedules it (same key). It plugs in the way every module does, as a {@link TicketModule} that
 * registers its hook and its due-work handler:
 *
 * <pre>{@code
 * TicketEngine.builder().module(new AutoClose(Duration.ofDays(4)))
 * }</pre>
 *
 * Stateless and thread-safe.
 */
final class AutoClose implements CommandHook, TicketModule {
    /** The due-work type (and key prefix). */
    static final String TYPE = "autoclose";

    private final Duration delay;

    AutoClose(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("auto-close delay must be positive");
        }
        this.delay = delay;
    }

    @Override
    public String name() {
        return "autoclose";
    }

    @Override
    public void install(ModuleContext context) {
        context.hook(this).dueWorkHandler(TYPE, handler());
    }

    @Override
    public void beforeCommit(HookContext ctx) {
        String key = TYPE + ":" + ctx.ticket().id();
        for (TicketEvent e : ctx.events()) {
            if (e instanceof TicketEvent.StatusChanged s) {
                if (s.to() == TicketStatus.SOLVED) {
                    ctx.schedule(DueWork.of(ctx.ticket().tenantId(), key, TYPE, ctx.ticket().id(), ctx.now().plus(delay)));
                } else if (s.from() == TicketStatus.SOLVED && s.to() != TicketStatus.CLOSED) {
                    ctx.cancel(key); // reopened before the close was due
                }
            }
        }
    }

    /** Closes the work's ticket if it is still SOLVED; anything else means someone reopened or closed it. */
    DueWorkHandler handler() {
        return (DueWorkContext work) -> work.work().ticket().ifPresent(id -> work.onTicket(id, t -> {
            if (t.ticket().status() == TicketStatus.SOLVED) {
                t.update(TicketUpdate.status(TicketStatus.CLOSED));
            }
        }));
    }
}
