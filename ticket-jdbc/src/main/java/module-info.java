/**
 * The JDBC store: H2, PostgreSQL and MySQL/MariaDB on JDBI, with Flyway migrations, the outbox and its relay, and
 * due-work claims. Exports {@code dev.ticketkit.jdbc}; {@code dev.ticketkit.jdbc.internal} stays inside. The
 * migrations are resources of this module, opened to Flyway.
 */
module dev.ticketkit.jdbc {
    requires transitive dev.ticketkit.core;
    requires transitive java.sql;
    requires org.jdbi.v3.core;
    requires flyway.core;
    requires com.fasterxml.jackson.databind;
    requires com.zaxxer.hikari;
    requires com.h2database;
    requires org.slf4j;

    exports dev.ticketkit.jdbc;

    opens db.ticketkit.h2;
    opens db.ticketkit.postgresql;
    opens db.ticketkit.mysql;
}
