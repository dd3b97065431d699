/** Waybill numbers in customers' messages: {@link dev.ticketkit.commerce.waybill.WaybillRecognizer}. */
package dev.ticketkit.commerce.waybill;
