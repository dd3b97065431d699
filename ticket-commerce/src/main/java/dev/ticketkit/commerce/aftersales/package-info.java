/**
 * After-sales cases on tickets: {@link dev.ticketkit.commerce.aftersales.AfterSales} (refund only, return and refund,
 * exchange, reissue) through the states of {@link dev.ticketkit.commerce.aftersales.CaseState}, each move an event in
 * the ticket's audit trail.
 */
package dev.ticketkit.commerce.aftersales;
