/**
 * SLA for TicketKit: policies, metrics, warning and breach timers, explanations and attainment
 * reports, on business calendars.
 *
 * <p>{@link dev.ticketkit.sla.Sla} is the entry point: {@code Sla.of(policies, calendars)} and
 * {@code sla.install(TicketEngine.builder())} register a hook that, in every command, applies the
 * ticket's {@link dev.ticketkit.sla.SlaPolicy} (its {@code sla_policy:<name>} tag, else the first
 * policy whose condition holds), keeps the ticket's {@code dueAt} at the soonest SLA due instant and
 * keeps one warning and one breach timer per ticket and {@link dev.ticketkit.sla.SlaMetric} as due
 * work; timers fire once as {@code TicketEvent.SlaWarning} / {@code TicketEvent.SlaBreached}.
 * Metric state ({@link dev.ticketkit.sla.SlaState}, {@link dev.ticketkit.sla.MetricState}) is a
 * function of the ticket's events, so {@code sla.state(events, now)} recomputes it anywhere;
 * {@link dev.ticketkit.sla.SlaExplanation} says which policy applies and why, with each metric's
 * timeline; {@link dev.ticketkit.sla.SlaReport} sums attainment per metric and channel.
 * {@link dev.ticketkit.sla.SlaPolicies} loads policies from JSON or YAML, reporting mistakes as
 * {@link dev.ticketkit.sla.SlaPolicyException} with file, line, column and path.
 *
 * <p>{@link dev.ticketkit.sla.BusinessCalendar} holds weekly opening hours (several intervals a
 * day), holidays and date-specific working days in a time zone, and answers the questions SLA
 * clocks ask: when is this much business time used up ({@code plus}), how much business time lies
 * between two instants ({@code between}), is it open now ({@code isOpen}). Results are exact
 * across DST transitions and cost O(log n) whatever the span. It implements
 * {@code dev.ticketkit.core.spi.BusinessTime}. {@link dev.ticketkit.sla.SlaCalendars} names the
 * calendars policies use ({@code 24x7} is built in). {@link dev.ticketkit.sla.HolidaySchedule} is
 * a named set of holidays and make-up workdays, loaded from JSON or shipped with the library
 * ({@code HolidaySchedule.chinaMainland()}).
 *
 * <p>Nothing here reads the system clock: every instant is passed in by the caller or comes from
 * the engine's clock. Everything public is immutable and thread-safe except the builders.
 */
package dev.ticketkit.sla;
