/**
 * Privacy and compliance: {@code PiiScanner} and {@code Masking} find and mask personal data in text;
 * {@code BannedPhrases} finds banned phrases in outgoing replies, through the usual evasions.
 */
package dev.ticketkit.compliance;
