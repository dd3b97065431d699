/** The contract every channel adapter passes. Open, so that JUnit can run its test methods in subclasses. */
open module dev.ticketkit.testkit.channel {
    requires transitive dev.ticketkit.connectors;
    requires transitive dev.ticketkit.testkit;

    exports dev.ticketkit.testkit.channel;
}
