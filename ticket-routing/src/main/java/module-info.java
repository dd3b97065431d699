/**
 * Rules and automations, classification, and assignment. Exports the API root and its {@code rules},
 * {@code classify} and {@code assign} packages, and the {@code spi}; {@code dev.ticketkit.routing.internal} stays
 * inside.
 */
module dev.ticketkit.routing {
    requires transitive dev.ticketkit.core;
    requires transitive dev.ticketkit.config;
    requires com.github.mustachejava;
    requires org.slf4j;

    exports dev.ticketkit.routing;
    exports dev.ticketkit.routing.rules;
    exports dev.ticketkit.routing.classify;
    exports dev.ticketkit.routing.assign;
    exports dev.ticketkit.routing.spi;
}
