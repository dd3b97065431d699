/** SLA policies, business calendars and holiday schedules, metrics, timers, explain and reports. */
module dev.ticketkit.sla {
    requires transitive dev.ticketkit.core;
    requires transitive dev.ticketkit.config;
    requires org.slf4j;

    exports dev.ticketkit.sla;
}
