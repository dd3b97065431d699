package dev.ticketkit.routing.rules;

/**
 * Observes rule runs (for metrics, tests and support tools). Called inside the command's transaction after the
 * rules ran for a ticket, only when a rule fired or a chain was cut; the command may still roll back afterwards.
 * A listener that throws is logged and ignored. Must be thread-safe and quick.
 */
@FunctionalInterface
public interface RuleListener {
    void onRun(RuleRun run);
}
