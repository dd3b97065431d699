/**
 * The intake pipeline: {@link dev.ticketkit.connectors.intake.Intake} turns normalised inbound messages into
 * tickets (dedup, identity resolution, threading, reopen and follow-up, order numbers) and reports each
 * outcome as an {@link dev.ticketkit.connectors.intake.IntakeResult}. Order numbers are recognised by
 * {@link dev.ticketkit.connectors.intake.OrderNumbers}; attachment content goes to an
 * {@link dev.ticketkit.connectors.intake.AttachmentSink}.
 */
package dev.ticketkit.connectors.intake;
