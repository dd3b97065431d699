package dev.ticketkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketEngine;
import dev.ticketkit.core.TicketStoreException;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.testkit.Fixtures;
import dev.ticketkit.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder options, migrations and the embedded file database, on H2. */
class JdbcTicketStoreBuilderTest {
    private final MutableClock clock = MutableClock.at("2026-06-18T00:00:00Z");

    private static DataSource emptyH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:builder-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private Ticket createTicket(JdbcTicketStore store, TenantId tenant, String subject) {
        try (TicketEngine engine = TicketEngine.builder().store(store).clock(clock).build()) {
            return Fixtures.create(engine, tenant).carolAsks(subject);
        }
    }

    private Optional<Ticket> read(JdbcTicketStore store, TenantId tenant, Ticket t) {
        return store.inTransaction(tx -> tx.findTicket(tenant, t.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Tk_", "1tk_", "tk-", "tk_ä", "tk prefix", "abcdefghijklmnopq"})
    void aBadTablePrefixIsRejectedAtOnce(String prefix) {
        assertThatThrownBy(() -> JdbcTicketStore.builder(emptyH2()).tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOptionSetTwiceIsRejected() {
        assertThatThrownBy(() -> JdbcTicketStore.builder(emptyH2()).tablePrefix("a_").tablePrefix("b_"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JdbcTicketStore.builder(emptyH2()).migrate(false).migrate(false))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JdbcTicketStore.builder(emptyH2()).dialect(Dialect.H2).dialect(Dialect.H2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JdbcTicketStore.builder(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDialectFollowsTheProductName() {
        assertThat(Dialect.fromProductName("H2")).isEqualTo(Dialect.H2);
        assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromProductName("MySQL")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.fromProductName("MariaDB")).isEqualTo(Dialect.MYSQL);
        assertThatThrownBy(() -> Dialect.fromProductName("Oracle")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreachableDatabaseIsAStoreException() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:/nonexistent-dir-" + UUID.randomUUID() + "/x;IFEXISTS=TRUE");
        assertThatThrownBy(() -> JdbcTicketStore.builder(ds).build()).isInstanceOf(TicketStoreException.class)
                .satisfies(e -> assertThat(((TicketStoreException) e).sqlState()).isNotNull());
    }

    @Test
    void aStoreOnAUrlOwnsItsPoolAndClosesIt() {
        String url = "jdbc:h2:mem:url-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcTicketStore store = JdbcTicketStore.builder(url, "sa", "").tablePrefix("url_").build();
        TenantId tenant = TenantId.of("shop-1");
        Ticket t = createTicket(store, tenant, "on a url");
        assertThat(read(store, tenant, t)).contains(t);
        store.close();
        assertThatThrownBy(() -> read(store, tenant, t)).as("its pool is closed with it").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> JdbcTicketStore.builder("jdbc:h2:file:/nonexistent-dir-" + UUID.randomUUID()
                + "/x;IFEXISTS=TRUE", "sa", "secret-password").build())
                .isInstanceOf(TicketStoreException.class).hasMessageNotContaining("secret-password");
    }

    @Test
    void anEmptyDatabaseIsMigratedAndTwoPrefixesStayApart() {
        DataSource ds = emptyH2();
        JdbcTicketStore a = JdbcTicketStore.builder(ds).build();
        JdbcTicketStore b = JdbcTicketStore.builder(ds).tablePrefix("other_").build();
        assertThat(a.tablePrefix()).isEqualTo(JdbcTicketStore.DEFAULT_TABLE_PREFIX);
        TenantId tenant = TenantId.of("shop-1");
        Ticket t = createTicket(a, tenant, "in a");
        assertThat(read(a, tenant, t)).contains(t);
        assertThat(read(b, tenant, t)).isEmpty();
        assertThat(read(JdbcTicketStore.builder(ds).dialect(Dialect.H2).build(), tenant, t)).contains(t);
    }

    @Test
    void withoutMigrateTheHostAppliesTheShippedScripts() throws IOException {
        DataSource ds = emptyH2();
        JdbcTicketStore store = JdbcTicketStore.builder(ds).tablePrefix("erp_tk_").migrate(false).build();
        TenantId tenant = TenantId.of("shop-2");
        assertThatThrownBy(() -> store.inTransaction(tx -> tx.findTicket(tenant, dev.ticketkit.core.TicketId.of(UUID.randomUUID()))))
                .isInstanceOf(TicketStoreException.class)
                .satisfies(e -> assertThat(((TicketStoreException) e).sqlState()).startsWith("42"));

        for (String file : new String[] {"V1__init.sql", "V2__queue_order.sql", "V3__team_queue_active.sql", "V4__text_not_lob.sql",
                "V5__identity_cache.sql", "V6__outbox_dead_letters.sql"}) {
            String script;
            try (InputStream in = JdbcTicketStore.class.getResourceAsStream("/db/ticketkit/h2/" + file)) {
                assertThat(in).as("the DDL ships in the jar: %s", file).isNotNull();
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", "erp_tk_");
            }
            Jdbi.create(ds).useHandle(h -> h.createScript(script).execute());
        }
        Ticket t = createTicket(store, tenant, "host-managed schema");
        assertThat(read(store, tenant, t)).contains(t);
    }

    @Test
    void migratedH2IdentityColumnsCacheAThousandValues() {
        DataSource ds = emptyH2();
        JdbcTicketStore.builder(ds).tablePrefix("seq_").build();
        java.util.List<String> caches = Jdbi.create(ds).withHandle(h -> h.createQuery(
                        "SELECT table_name || '.' || column_name || '=' || identity_cache FROM information_schema.columns"
                                + " WHERE table_name LIKE 'SEQ\\_%' AND is_identity = 'YES' ORDER BY table_name")
                .mapTo(String.class).list());
        assertThat(caches).containsExactly("SEQ_EVENTS.SEQ=1000", "SEQ_MESSAGES.SEQ=1000", "SEQ_OUTBOX.SEQ=1000");
    }

    @Test
    void migratedH2TablesKeepNoTextInLobsAndStillRejectNulls() {
        DataSource ds = emptyH2();
        JdbcTicketStore.builder(ds).tablePrefix("lob_").build();
        Jdbi jdbi = Jdbi.create(ds);
        java.util.List<String> lobs = jdbi.withHandle(h -> h.createQuery(
                        "SELECT table_name || '.' || column_name FROM information_schema.columns"
                                + " WHERE table_name LIKE 'LOB\\_%' AND data_type IN ('CHARACTER LARGE OBJECT', 'BINARY LARGE OBJECT')")
                .mapTo(String.class).list());
        assertThat(lobs).as("LOB columns after migration").isEmpty();
        java.util.List<String> nullable = jdbi.withHandle(h -> h.createQuery(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = 'LOB_EVENTS'"
                                + " AND column_name = 'PAYLOAD' AND is_nullable = 'NO'")
                .mapTo(String.class).list());
        assertThat(nullable).as("NOT NULL kept by the type change").containsExactly("PAYLOAD");
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossCloseAndReopen(@TempDir Path dir) {
        TenantId tenant = TenantId.of("shop-3");
        Ticket t;
        try (JdbcTicketStore store = JdbcTicketStore.embedded(dir)) {
            t = createTicket(store, tenant, "survives a restart 🎁");
            assertThat(store.dialect()).isEqualTo(Dialect.H2);
        }
        assertThat(Files.exists(dir.resolve(JdbcTicketStore.EMBEDDED_DATABASE_NAME + ".mv.db"))).isTrue();
        try (JdbcTicketStore reopened = JdbcTicketStore.embedded(dir)) {
            assertThat(read(reopened, tenant, t)).contains(t);
            try (TicketEngine engine = TicketEngine.builder().store(reopened).clock(clock).build()) {
                Fixtures shop = Fixtures.create(engine, TenantId.of("shop-4"));
                assertThat(engine.tickets().view(shop.admin, ViewQuery.builder().build()).items()).isEmpty();
            }
        }
    }

    @Test
    void closeIsIdempotentAndAClosedStoreFailsCleanly(@TempDir Path dir) {
        JdbcTicketStore store = JdbcTicketStore.embedded(dir);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.inTransaction(tx -> tx.agents(TenantId.of("x"))))
                .isInstanceOf(TicketStoreException.class);
        assertThatThrownBy(() -> store.nextDueAt(clock.instant())).isInstanceOf(TicketStoreException.class);
    }
}
