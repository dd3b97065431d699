/** Return and exchange policies: the no-reason return window. */
package dev.ticketkit.commerce.returns;
