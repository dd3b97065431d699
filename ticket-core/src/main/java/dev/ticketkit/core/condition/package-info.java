/**
 * The condition model shared by SLA policies and rules: tests of one field ({@code priority gte HIGH}) combined
 * with all/any/not, checked against a {@link dev.ticketkit.core.condition.FieldSchema} when built or loaded, and
 * evaluated over {@link dev.ticketkit.core.condition.Facts} such as
 * {@link dev.ticketkit.core.condition.TicketFacts}.
 */
package dev.ticketkit.core.condition;
