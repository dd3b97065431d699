/** Privacy and compliance: personal data found and masked in text, banned phrases in outgoing replies. */
module dev.ticketkit.compliance {
    requires transitive dev.ticketkit.core;

    exports dev.ticketkit.compliance;
}
