/**
 * Return and exchange policies: {@link dev.ticketkit.commerce.returns.ReturnPolicy} decides a
 * {@link dev.ticketkit.commerce.returns.ReturnRequest} (China's seven-day no-reason returns with their category
 * exclusions, quality-problem windows, category and member-tier windows, who pays return shipping) into a
 * {@link dev.ticketkit.commerce.returns.ReturnDecision} naming the clause that decided;
 * {@link dev.ticketkit.commerce.returns.NoReasonReturnWindow} counts a window's calendar days in the shop's zone.
 */
package dev.ticketkit.commerce.returns;
