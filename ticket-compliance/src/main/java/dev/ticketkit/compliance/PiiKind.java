package dev.ticketkit.compliance;

/** A kind of personal data found in text and masked for display. */
public enum PiiKind {
    /** A mainland resident ID number: 18 characters with the GB 11643 check digit, or the old 15-digit form. */
    CN_ID_NUMBER,
    /** A bank card number: 13 to 19 digits passing the Luhn check. */
    BANK_CARD,
    /** A mainland mobile number: 11 digits starting with 1 and a valid second digit (optionally +86). */
    CN_MOBILE,
    /** An e-mail address. */
    EMAIL
}
