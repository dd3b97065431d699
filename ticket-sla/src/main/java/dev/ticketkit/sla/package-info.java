/**
 * SLA time for TicketKit: business calendars and holiday schedules.
 *
 * <p>{@link dev.ticketkit.sla.BusinessCalendar} holds weekly opening hours (several intervals a
 * day), holidays and date-specific working days in a time zone, and answers the questions SLA
 * clocks ask: when is this much business time used up ({@code plus}), how much business time lies
 * between two instants ({@code between}), is it open now ({@code isOpen}). Results are exact
 * across DST transitions and cost O(log n) whatever the span.
 *
 * <p>{@link dev.ticketkit.sla.HolidaySchedule} is a named set of holidays and make-up workdays,
 * loaded from JSON or shipped with the library ({@code HolidaySchedule.chinaMainland()}).
 *
 * <p>Nothing here reads the system clock: every instant is passed in by the caller.
 */
package dev.ticketkit.sla;
