package dev.ticketkit.jdbc.internal;

import dev.ticketkit.core.TicketStoreException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema with Flyway: the dialect's scripts from {@code classpath:db/ticketkit/<dialect>}, with
 * {@code ${prefix}} replaced by the table prefix and a history table of the prefix's own
 * ({@code <prefix>schema_history}), so several prefixes can live in one schema.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Where the scripts live, below which each dialect has its folder. */
    public static final String LOCATION = "classpath:db/ticketkit/";

    private Migrations() {
    }

    /** Migrates to the latest version; does nothing if the schema is current. Returns the number of scripts run. */
    public static int migrate(DataSource dataSource, Schema schema, String binaryCollation) {
        try {
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION + schema.dialect().migrationFolder())
                    .table(schema.historyTable())
                    .placeholders(Map.of("prefix", schema.prefix(), "binaryCollation", binaryCollation))
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .cleanDisabled(true)
                    .load();
            MigrateResult r = flyway.migrate();
            if (r.migrationsExecuted > 0) {
                LOG.info("TicketKit schema with prefix '{}' migrated to version {} ({} scripts)", schema.prefix(),
                        r.targetSchemaVersion, r.migrationsExecuted);
            }
            return r.migrationsExecuted;
        } catch (FlywayException e) {
            throw new TicketStoreException("migrating the TicketKit schema with prefix '" + schema.prefix() + "' failed",
                    Errors.sqlException(e) == null ? null : Errors.sqlException(e).getSQLState(), e);
        }
    }
}
