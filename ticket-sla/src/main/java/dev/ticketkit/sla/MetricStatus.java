package dev.ticketkit.sla;

/** Where one cycle of an SLA metric stands. */
public enum MetricStatus {
  /** The clock runs and the target has not been reached. */
  ACTIVE,
  /** The clock is stopped by the ticket's status; the target has not been reached. */
  PAUSED,
  /** Fulfilled within its target. */
  ACHIEVED,
  /** The target was exceeded (whether or not the metric has been fulfilled since). */
  BREACHED
}
