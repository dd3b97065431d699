package dev.ticketkit.core.spi;

/**
 * Runs inside every command's transaction, after the command changed a ticket and before commit, once per
 * ticket the command touched (including tickets the command or an earlier hook created). Hooks run in
 * the order they were registered on the engine builder; each sees the changes of those before it. This is
 * where classification, rules, routing and SLA plug in.
 *
 * <p>A hook may change the ticket ({@link HookContext#update}), add notes, emit events and schedule due work;
 * all of it commits with the command or not at all. A hook that throws fails the command (nothing is
 * written), so hooks must only throw for real errors. Implementations must be thread-safe: commands run
 * concurrently.
 */
public interface CommandHook {

    /** A name for logs and for the audit trail of the hook's changes ({@code SYSTEM:<name>}). */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    void beforeCommit(HookContext context);
}
