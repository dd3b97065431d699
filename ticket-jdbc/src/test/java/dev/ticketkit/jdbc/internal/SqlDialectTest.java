package dev.ticketkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.jdbc.Dialect;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

/**
 * The dialect strategies say exactly what the store said when it tested the dialect in place: the statements below
 * are the ones the store sent before the strategies existed. The contract, outbox and cluster tests run them on
 * each database.
 */
class SqlDialectTest {
    private static final SqlDialect H2 = SqlDialect.of(Dialect.H2, false);
    private static final SqlDialect PG = SqlDialect.of(Dialect.POSTGRESQL, true);
    private static final SqlDialect MYSQL = SqlDialect.of(Dialect.MYSQL, true);
    private static final SqlDialect OLD_MYSQL = SqlDialect.of(Dialect.MYSQL, false);

    @Test
    void eachDialectGetsItsOwnStrategyChosenOnce() {
        assertThat(H2).isInstanceOf(H2Sql.class);
        assertThat(PG).isInstanceOf(PostgresSql.class);
        assertThat(MYSQL).isInstanceOf(MySqlSql.class);
        assertThat(new Schema(Dialect.POSTGRESQL, "tk_", true).sql()).isInstanceOf(PostgresSql.class);
        for (Dialect d : Dialect.values()) {
            assertThat(SqlDialect.of(d, false).dialect()).isEqualTo(d);
        }
    }

    @Test
    void skipLockedFollowsTheServerVersion() {
        assertThat(SqlDialect.detect(Dialect.H2, false, 2, 4).skipLocked()).isFalse();
        assertThat(SqlDialect.detect(Dialect.POSTGRESQL, false, 12, 0).skipLocked()).isTrue();
        assertThat(SqlDialect.detect(Dialect.MYSQL, false, 5, 7).skipLocked()).isFalse();
        assertThat(SqlDialect.detect(Dialect.MYSQL, false, 8, 0).skipLocked()).isTrue();
        assertThat(SqlDialect.detect(Dialect.MYSQL, true, 10, 5).skipLocked()).isFalse();
        assertThat(SqlDialect.detect(Dialect.MYSQL, true, 10, 6).skipLocked()).isTrue();
        assertThat(SqlDialect.detect(Dialect.MYSQL, true, 11, 0).skipLocked()).isTrue();
        assertThat(SqlDialect.of(Dialect.H2, true).skipLocked()).as("H2 never claims with SKIP LOCKED").isFalse();
    }

    @Test
    void onlyMySqlAsksForReadCommitted() {
        assertThat(H2.isolation()).isNull();
        assertThat(PG.isolation()).isNull();
        assertThat(MYSQL.isolation()).isEqualTo(TransactionIsolationLevel.READ_COMMITTED);
    }

    @Test
    void upsertsAreTheStatementsOfBefore() {
        List<String> keys = List.of("tenant", "id");
        List<String> columns = List.of("body", "name");
        assertThat(H2.upsert("tk_agents", keys, columns))
                .isEqualTo("MERGE INTO tk_agents (tenant, id, body, name) KEY (tenant, id) VALUES (:tenant, :id, :body, :name)");
        assertThat(PG.upsert("tk_agents", keys, columns))
                .isEqualTo("INSERT INTO tk_agents (tenant, id, body, name) VALUES (:tenant, :id, :body, :name) "
                        + "ON CONFLICT (tenant, id) DO UPDATE SET body = EXCLUDED.body, name = EXCLUDED.name");
        assertThat(MYSQL.upsert("tk_agents", keys, columns))
                .isEqualTo("INSERT INTO tk_agents (tenant, id, body, name) VALUES (:tenant, :id, :body, :name) "
                        + "ON DUPLICATE KEY UPDATE body = VALUES(body), name = VALUES(name)");
    }

    @Test
    void claimsReadInIndexOrderAndLockAsBefore() {
        Schema s = new Schema(Dialect.MYSQL, "tk_", true);
        String c = "SELECT o.seq FROM ";
        assertThat(MYSQL.inIndexOrder("tk_due_work", "tk_due_work_due")).isEqualTo("tk_due_work FORCE INDEX (tk_due_work_due)");
        assertThat(PG.inIndexOrder("tk_due_work", "tk_due_work_due")).isEqualTo("tk_due_work");
        assertThat(H2.inIndexOrder("tk_due_work", "tk_due_work_due")).isEqualTo("tk_due_work");
        assertThat(MYSQL.outboxDueQuery(s, c)).isEqualTo(c + "tk_outbox o FORCE INDEX (tk_outbox_due) WHERE o.available_us <= :now "
                + "ORDER BY o.available_us, o.seq LIMIT :limit FOR UPDATE SKIP LOCKED");
        assertThat(OLD_MYSQL.outboxDueQuery(s, c)).isEqualTo(c + "tk_outbox o FORCE INDEX (tk_outbox_due) WHERE o.available_us <= :now "
                + "ORDER BY o.available_us, o.seq LIMIT :limit FOR UPDATE");
        assertThat(PG.outboxDueQuery(s, c)).isEqualTo(c + "tk_outbox o WHERE o.available_us <= :now ORDER BY o.available_us, o.seq "
                + "LIMIT :limit FOR UPDATE SKIP LOCKED");
        assertThat(H2.outboxDueQuery(s, c)).isEqualTo(c + "tk_outbox o WHERE o.seq IN (SELECT d.seq FROM (SELECT seq FROM tk_outbox"
                + " WHERE available_us <= :now ORDER BY available_us, seq LIMIT :limit) d) AND o.available_us <= :now FOR UPDATE");
        assertThat(PG.claimLock()).isEqualTo(" FOR UPDATE SKIP LOCKED");
        // a command's load: locked where the database caches the statement; on H2 the version check orders commands
        assertThat(PG.loadLock()).isEqualTo(" FOR UPDATE");
        assertThat(OLD_MYSQL.loadLock()).isEqualTo(" FOR UPDATE");
        assertThat(SqlDialect.of(Dialect.H2, false).loadLock()).isEmpty();
        assertThat(OLD_MYSQL.claimLock()).isEqualTo(" FOR UPDATE");
    }

    @Test
    void onlyH2LeadsViewsToItsActiveColumn() {
        Set<TicketStatus> active = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN);
        Set<TicketStatus> done = EnumSet.of(TicketStatus.SOLVED, TicketStatus.CLOSED);
        Set<TicketStatus> mixed = EnumSet.of(TicketStatus.OPEN, TicketStatus.SOLVED);
        assertThat(H2.statusCondition(active)).isEqualTo(" AND t.active = TRUE");
        assertThat(H2.statusCondition(done)).isEqualTo(" AND t.active = FALSE");
        assertThat(H2.statusCondition(mixed)).isEmpty();
        assertThat(H2.statusCondition(Set.of())).isEmpty();
        for (SqlDialect d : List.of(PG, MYSQL)) {
            assertThat(d.statusCondition(active)).isEmpty();
        }
        ViewQuery oneTeam = ViewQuery.builder().team(TeamId.of("a")).active().build();
        ViewQuery twoTeams = ViewQuery.builder().team(TeamId.of("a")).team(TeamId.of("b")).active().build();
        ViewQuery anyStatus = ViewQuery.builder().team(TeamId.of("a")).build();
        assertThat(H2.orderPrefix(oneTeam, " DESC")).isEqualTo("t.tenant DESC, t.team DESC, t.active DESC, ");
        assertThat(H2.orderPrefix(twoTeams, " DESC")).isEmpty();
        assertThat(H2.orderPrefix(anyStatus, " ASC")).isEmpty();
        assertThat(PG.orderPrefix(oneTeam, " DESC")).isEmpty();
        assertThat(MYSQL.orderPrefix(oneTeam, " DESC")).isEmpty();
    }
}
