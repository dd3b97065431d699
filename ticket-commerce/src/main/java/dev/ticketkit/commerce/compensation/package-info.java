/**
 * Compensation on tickets: coupons, partial refunds and points for a buyer
 * ({@link dev.ticketkit.commerce.compensation.Compensations}), within per-role limits, daily budgets and customer
 * caps ({@link dev.ticketkit.commerce.compensation.CompensationLimits}), with approval above them, given through the
 * host's {@link dev.ticketkit.commerce.compensation.CompensationGateway} once per key and counted across tickets and
 * nodes in the host's {@link dev.ticketkit.commerce.compensation.CompensationLedger}. Each step is an event in the
 * ticket's audit trail.
 */
package dev.ticketkit.commerce.compensation;
