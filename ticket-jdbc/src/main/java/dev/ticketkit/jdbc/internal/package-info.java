/** Implementation of the JDBC store: SQL, JSON codecs, error translation, migrations. Not an API. */
package dev.ticketkit.jdbc.internal;
