/**
 * E-commerce after-sales beside the ticket: order, parcel, member and stock context from the host's systems,
 * the facts rules and SLA policies read from it, waybill recognition, return policies (their files read through
 * {@code dev.ticketkit.config}), after-sales cases, refunds and compensation.
 */
module dev.ticketkit.commerce {
    requires transitive dev.ticketkit.core;
    requires dev.ticketkit.config;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.ticketkit.commerce;
    exports dev.ticketkit.commerce.aftersales;
    exports dev.ticketkit.commerce.compensation;
    exports dev.ticketkit.commerce.context;
    exports dev.ticketkit.commerce.returns;
    exports dev.ticketkit.commerce.waybill;
}
