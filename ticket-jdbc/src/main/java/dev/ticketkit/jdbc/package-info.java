/**
 * TicketKit's store on a relational database: {@link dev.ticketkit.jdbc.JdbcTicketStore} on H2 (the embedded
 * default), PostgreSQL, MySQL and MariaDB, with the schema applied by Flyway migrations shipped in the jar
 * ({@code db/ticketkit/<dialect>/}). Everything below {@code dev.ticketkit.jdbc.internal} is an implementation
 * detail and may change without notice.
 */
package dev.ticketkit.jdbc;
