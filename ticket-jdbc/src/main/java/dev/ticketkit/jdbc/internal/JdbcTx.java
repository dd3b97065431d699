package dev.ticketkit.jdbc.internal;

import static dev.ticketkit.jdbc.internal.Schema.instant;
import static dev.ticketkit.jdbc.internal.Schema.micros;
import static dev.ticketkit.jdbc.internal.Schema.microsOrNull;

import dev.ticketkit.core.Agent;
import dev.ticketkit.core.AgentId;
import dev.ticketkit.core.AuthorKind;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.CustomerId;
import dev.ticketkit.core.FieldDefinition;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.MemberTier;
import dev.ticketkit.core.Message;
import dev.ticketkit.core.MessageId;
import dev.ticketkit.core.Priority;
import dev.ticketkit.core.SortField;
import dev.ticketkit.core.Team;
import dev.ticketkit.core.TeamId;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.Ticket;
import dev.ticketkit.core.TicketConflictException;
import dev.ticketkit.core.TicketEvent;
import dev.ticketkit.core.TicketId;
import dev.ticketkit.core.TicketNumber;
import dev.ticketkit.core.TicketStatus;
import dev.ticketkit.core.ViewQuery;
import dev.ticketkit.core.Visibility;
import dev.ticketkit.core.spi.AccessScope;
import dev.ticketkit.core.spi.DueWork;
import dev.ticketkit.core.spi.StoreTransaction;
import dev.ticketkit.core.spi.TicketQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * One store transaction on one JDBI {@link Handle}. Every statement's failure is translated by {@link Errors};
 * no JDBI or driver exception leaves this class. Not thread-safe, like the SPI says.
 */
public final class JdbcTx implements StoreTransaction {

    static final String TICKET_COLUMNS = "tenant, id, number_prefix, number_seq, subject, status, priority, priority_rank, "
            + "ticket_type, channel, requester, assignee, team, tags_json, fields_json, orders_json, links_json, created_us, "
            + "updated_us, status_changed_us, first_reply_us, solved_us, closed_us, due_us, due_key, queue_key, version";
    private static final String MESSAGE_COLUMNS = "tenant, id, ticket_id, visibility, author_kind, author_id, channel, "
            + "body_text, body_html, attachments_json, external_id, created_us";
    private static final String CUSTOMER_COLUMNS = "tenant, id, display_name, tier, tier_level, identities_json, tags_json, created_us, version";
    static final String DUE_COLUMNS = "tenant, work_key, work_type, ticket_id, due_us, payload, attempts";

    private final Handle h;
    private final Schema s;
    /** Tickets read in this transaction, to skip rewriting unchanged tags on update. */
    private final Map<TicketId, Ticket> loaded = new HashMap<>();

    public JdbcTx(Handle handle, Schema schema) {
        this.h = handle;
        this.s = schema;
    }

    private <T> T run(String op, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw Errors.translate(e, op);
        }
    }

    // ---- tickets -------------------------------------------------------------------------------

    static Ticket ticket(ResultSet rs) throws SQLException {
        String assignee = rs.getString("assignee");
        String team = rs.getString("team");
        return Ticket.builder()
                .tenantId(TenantId.of(rs.getString("tenant")))
                .id(TicketId.parse(rs.getString("id")))
                .number(TicketNumber.of(rs.getString("number_prefix"), rs.getLong("number_seq")))
                .subject(rs.getString("subject"))
                .status(TicketStatus.valueOf(rs.getString("status")))
                .priority(Priority.valueOf(rs.getString("priority")))
                .type(rs.getString("ticket_type"))
                .channel(Channel.of(rs.getString("channel")))
                .requester(CustomerId.parse(rs.getString("requester")))
                .assignee(assignee == null ? null : AgentId.of(assignee))
                .team(team == null ? null : TeamId.of(team))
                .tags(Json.readTags(rs.getString("tags_json")))
                .customFields(Json.readFields(rs.getString("fields_json")))
                .orders(Json.readOrders(rs.getString("orders_json")))
                .links(Json.readLinks(rs.getString("links_json")))
                .createdAt(instant(rs.getLong("created_us")))
                .updatedAt(instant(rs.getLong("updated_us")))
                .statusChangedAt(instant(rs.getLong("status_changed_us")))
                .firstAgentReplyAt(optInstant(rs, "first_reply_us"))
                .solvedAt(optInstant(rs, "solved_us"))
                .closedAt(optInstant(rs, "closed_us"))
                .dueAt(optInstant(rs, "due_us"))
                .version(rs.getLong("version"))
                .build();
    }

    private static java.time.Instant optInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : instant(v);
    }

    /**
     * The value of each column of a ticket row, in {@link #TICKET_COLUMNS} order, as bound (JSON as text): compared
     * to find the columns an update changes.
     */
    private static Object[] ticketRow(Ticket t) {
        return new Object[] {t.tenantId().value(), t.id().toString(), t.number().prefix(), t.number().sequence(),
            t.subject(), t.status().name(), t.priority().name(), (short) t.priority().ordinal(), t.type().orElse(null),
            t.channel().name(), t.requester().toString(), t.assignee().map(AgentId::value).orElse(null),
            t.team().map(TeamId::value).orElse(null), t.tags(), t.customFields(), t.orders(), t.links(),
            micros(t.createdAt()), micros(t.updatedAt()), micros(t.statusChangedAt()),
            microsOrNull(t.firstAgentReplyAt().orElse(null)), microsOrNull(t.solvedAt().orElse(null)),
            microsOrNull(t.closedAt().orElse(null)), microsOrNull(t.dueAt().orElse(null)),
            SortField.DUE_AT.sortKey(t), SortField.QUEUE.sortKey(t), t.version()};
    }

    private static final String[] TICKET_COLUMN_NAMES = TICKET_COLUMNS.split(", ");

    private static <S extends SqlStatement<S>> S bindTicket(S st, Ticket t) {
        return st.bind("tenant", t.tenantId().value())
                .bind("id", t.id().toString())
                .bind("number_prefix", t.number().prefix())
                .bind("number_seq", t.number().sequence())
                .bind("subject", t.subject())
                .bind("status", t.status().name())
                .bind("priority", t.priority().name())
                .bind("priority_rank", (short) t.priority().ordinal())
                .bind("ticket_type", t.type().orElse(null))
                .bind("channel", t.channel().name())
                .bind("requester", t.requester().toString())
                .bind("assignee", t.assignee().map(AgentId::value).orElse(null))
                .bind("team", t.team().map(TeamId::value).orElse(null))
                .bind("tags_json", Json.tags(t.tags()))
                .bind("fields_json", Json.fields(t.customFields()))
                .bind("orders_json", Json.orders(t.orders()))
                .bind("links_json", Json.links(t.links()))
                .bind("created_us", micros(t.createdAt()))
                .bind("updated_us", micros(t.updatedAt()))
                .bind("status_changed_us", micros(t.statusChangedAt()))
                .bind("first_reply_us", microsOrNull(t.firstAgentReplyAt().orElse(null)))
                .bind("solved_us", microsOrNull(t.solvedAt().orElse(null)))
                .bind("closed_us", microsOrNull(t.closedAt().orElse(null)))
                .bind("due_us", microsOrNull(t.dueAt().orElse(null)))
                .bind("due_key", SortField.DUE_AT.sortKey(t))
                .bind("queue_key", SortField.QUEUE.sortKey(t))
                .bind("version", t.version());
    }

    private Optional<Ticket> selectTicket(TenantId tenantId, TicketId id, boolean forUpdate) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Optional<Ticket> t = run(forUpdate ? "findTicketForUpdate" : "findTicket", () -> h.createQuery(
                "SELECT " + TICKET_COLUMNS + " FROM " + s.tickets() + " WHERE tenant = :tenant AND id = :id"
                        + (forUpdate ? s.sql().loadLock() : ""))
                .bind("tenant", tenantId.value())
                .bind("id", id.toString())
                .map((rs, ctx) -> ticket(rs))
                .findOne());
        t.ifPresent(x -> loaded.put(x.id(), x));
        return t;
    }

    @Override
    public Optional<Ticket> findTicket(TenantId tenantId, TicketId id) {
        return selectTicket(tenantId, id, false);
    }

    @Override
    public Optional<Ticket> findTicketForUpdate(TenantId tenantId, TicketId id) {
        return selectTicket(tenantId, id, true);
    }

    @Override
    public Optional<Ticket> findTicketByNumber(TenantId tenantId, TicketNumber number) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(number, "number");
        return run("findTicketByNumber", () -> h.createQuery("SELECT " + TICKET_COLUMNS + " FROM " + s.tickets()
                        + " WHERE tenant = :tenant AND number_prefix = :prefix AND number_seq = :seq")
                .bind("tenant", tenantId.value())
                .bind("prefix", number.prefix())
                .bind("seq", number.sequence())
                .map((rs, ctx) -> ticket(rs))
                .findOne());
    }

    @Override
    public void insertTicket(Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        try {
            bindTicket(h.createUpdate("INSERT INTO " + s.tickets() + " (" + TICKET_COLUMNS + ") VALUES ("
                    + String.join(", ", java.util.Arrays.stream(TICKET_COLUMNS.split(", ")).map(c -> ":" + c).toList())
                    + ")"), ticket).execute();
        } catch (JdbiException e) {
            throw Errors.translate(e, "insertTicket", Map.of(s.prefix() + "tickets_number_uq", "ticket_number"), "ticket_id");
        }
        insertTags(ticket);
        loaded.put(ticket.id(), ticket);
    }

    private void insertTags(Ticket t) {
        if (t.tags().isEmpty()) {
            return;
        }
        run("insertTags", () -> {
            PreparedBatch b = h.prepareBatch("INSERT INTO " + s.ticketTags() + " (tenant, ticket_id, tag) VALUES (:tenant, :ticket, :tag)");
            for (String tag : t.tags()) {
                b.bind("tenant", t.tenantId().value()).bind("ticket", t.id().toString()).bind("tag", tag).add();
            }
            return b.execute();
        });
    }

    @Override
    public void updateTicket(Ticket ticket, long expectedVersion) {
        Objects.requireNonNull(ticket, "ticket");
        if (ticket.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be the expected version plus one");
        }
        // Only the columns that changed since this transaction read the row (all of them when it did not): fewer
        // values to write, and secondary indexes on columns that did not change are not touched.
        Ticket before = loaded.get(ticket.id());
        Object[] was = before != null && before.version() == expectedVersion ? ticketRow(before) : null;
        Object[] now = ticketRow(ticket);
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < TICKET_COLUMN_NAMES.length; i++) {
            String c = TICKET_COLUMN_NAMES[i];
            if (!c.equals("tenant") && !c.equals("id") && (was == null || !java.util.Objects.equals(was[i], now[i]))) {
                set.append(set.length() == 0 ? "" : ", ").append(c).append(" = :").append(c);
            }
        }
        int n = run("updateTicket", () -> bindTicket(h.createUpdate("UPDATE " + s.tickets() + " SET " + set
                        + " WHERE tenant = :tenant AND id = :id AND version = :expected"), ticket)
                .bind("expected", expectedVersion)
                .execute());
        if (n != 1) {
            long actual = run("updateTicket", () -> h.createQuery("SELECT version FROM " + s.tickets()
                            + " WHERE tenant = :tenant AND id = :id")
                    .bind("tenant", ticket.tenantId().value()).bind("id", ticket.id().toString())
                    .mapTo(Long.class).findOne().orElse(-1L));
            throw new TicketConflictException(ticket.id(), expectedVersion, actual);
        }
        if (before == null || before.version() != expectedVersion || !before.tags().equals(ticket.tags())) {
            run("updateTags", () -> h.createUpdate("DELETE FROM " + s.ticketTags() + " WHERE tenant = :tenant AND ticket_id = :ticket")
                    .bind("tenant", ticket.tenantId().value()).bind("ticket", ticket.id().toString()).execute());
            insertTags(ticket);
        }
        loaded.put(ticket.id(), ticket);
    }

    private static String sortColumn(SortField f) {
        return switch (f) {
            case CREATED_AT -> "created_us";
            case UPDATED_AT -> "updated_us";
            case PRIORITY -> "priority_rank";
            case DUE_AT -> "due_key";
            case QUEUE -> "queue_key";
        };
    }

    @Override
    public List<Ticket> queryTickets(TicketQuery q) {
        Objects.requireNonNull(q, "query");
        ViewQuery v = q.view();
        StringBuilder sql = new StringBuilder("SELECT " + TICKET_COLUMNS + " FROM " + s.tickets() + " t WHERE t.tenant = :tenant");
        Map<String, Object> args = new HashMap<>();
        args.put("tenant", q.tenantId().value());
        in(sql, args, "t.status", "st", v.statuses().stream().map(Enum::name).sorted().toList());
        sql.append(s.sql().statusCondition(v.statuses()));
        in(sql, args, "t.team", "tm", v.teams().stream().map(TeamId::value).sorted().toList());
        in(sql, args, "t.assignee", "as", v.assignees().stream().map(AgentId::value).sorted().toList());
        if (v.unassignedOnly()) {
            sql.append(" AND t.assignee IS NULL");
        }
        in(sql, args, "t.priority", "pr", v.priorities().stream().map(Enum::name).sorted().toList());
        in(sql, args, "t.channel", "ch", v.channels().stream().map(Channel::name).sorted().toList());
        v.requester().ifPresent(r -> {
            sql.append(" AND t.requester = :requester");
            args.put("requester", r.toString());
        });
        int i = 0;
        for (String tag : v.tags().stream().sorted().toList()) {
            sql.append(" AND EXISTS (SELECT 1 FROM ").append(s.ticketTags())
                    .append(" g WHERE g.tenant = t.tenant AND g.ticket_id = t.id AND g.tag = :tag").append(i).append(')');
            args.put("tag" + i++, tag);
        }
        AccessScope scope = q.scope();
        if (scope instanceof AccessScope.Teams ts) {
            // 1 = 0 keeps the OR list well formed when unteamed tickets are out of scope
            sql.append(ts.unteamed() ? " AND (t.team IS NULL" : " AND (1 = 0");
            List<String> teams = ts.teams().stream().map(TeamId::value).sorted().toList();
            if (!teams.isEmpty()) {
                sql.append(" OR t.team IN (");
                for (int k = 0; k < teams.size(); k++) {
                    sql.append(k == 0 ? "" : ", ").append(":scope_team").append(k);
                    args.put("scope_team" + k, teams.get(k));
                }
                sql.append(')');
            }
            if (ts.agent() != null) {
                sql.append(" OR t.assignee = :scope_agent");
                args.put("scope_agent", ts.agent().value());
            }
            sql.append(')');
        } else if (scope instanceof AccessScope.Requester r) {
            sql.append(" AND t.requester = :scope_requester");
            args.put("scope_requester", r.customer().toString());
        }
        String col = "t." + sortColumn(v.sort());
        String cmp = v.ascending() ? ">" : "<";
        q.position().ifPresent(p -> {
            // (key, id) after the position, written with a bound on the key alone first, which an index on
            // (..., key, id) can seek to: key >= k AND (key > k OR id > i) (mirrored when descending)
            sql.append(" AND ").append(col).append(' ').append(cmp).append("= :after_key AND (").append(col).append(' ')
                    .append(cmp).append(" :after_key OR t.id ").append(cmp).append(" :after_id)");
            args.put("after_key", p.sortKey());
            args.put("after_id", p.ticketId().toString());
        });
        String dir = v.ascending() ? " ASC" : " DESC";
        sql.append(" ORDER BY ").append(s.sql().orderPrefix(v, dir));
        sql.append(col).append(dir).append(", t.id").append(dir).append(" LIMIT :limit");
        args.put("limit", q.limit());
        return run("queryTickets", () -> {
            Query query = h.createQuery(sql.toString());
            args.forEach(query::bind);
            return query.map((rs, ctx) -> ticket(rs)).list();
        });
    }

    private static void in(StringBuilder sql, Map<String, Object> args, String column, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(':').append(name).append(i);
            args.put(name + i, values.get(i));
        }
        sql.append(')');
    }

    // ---- batches on plain JDBC (what the drivers' bulk paths see; no per-statement JDBI objects) ---

    /** Binds one row of a batch. */
    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** Carries a driver exception to {@link Errors#translate}. */
    private static final class BatchFailure extends RuntimeException {
        BatchFailure(SQLException cause) {
            super("batch failed", cause, false, false);
        }
    }

    /**
     * Runs {@code sql} once per row as one JDBC batch on this transaction's connection. PostgreSQL sends the
     * batch in few round trips; MariaDB Connector/J 3.x sends an INSERT batch as one bulk command
     * ({@code useBulkStmtsForInserts}, on by default); H2 runs it in process.
     */
    private <T> void batch(String op, String sql, List<T> rows, RowBinder<T> binder, Map<String, String> uniqueKeys,
                           String defaultKey) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw Errors.translate(new BatchFailure(e), op, uniqueKeys, defaultKey);
        }
    }

    /** Reads one row of a {@link #lookUpMany} result. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Looks many values up, 500 per statement, in the dialect's statement for many keys ({@link SqlDialect#prepareLookup}),
     * with {@code leading} bound to the lookup's conditions.
     */
    private void lookUpMany(String op, java.util.Collection<String> values, SqlDialect.KeyLookup lookup,
                            List<String> leading, RowReader reader) {
        List<String> all = values.stream().distinct().toList();
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = s.sql().prepareLookup(h.getConnection(), lookup, leading, chunk);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            } catch (SQLException e) {
                throw Errors.translate(new BatchFailure(e), op);
            }
        }
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static void setNullable(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static final String[] COLUMN_NAMES = TICKET_COLUMNS.split(", ");

    @Override
    public void insertTickets(List<Ticket> tickets) {
        Objects.requireNonNull(tickets, "tickets");
        String sql = "INSERT INTO " + s.tickets() + " (" + TICKET_COLUMNS + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(COLUMN_NAMES.length, "?")) + ")";
        batch("insertTickets", sql, tickets, (ps, t) -> {
            int i = 1;
            ps.setString(i++, t.tenantId().value());
            ps.setString(i++, t.id().toString());
            ps.setString(i++, t.number().prefix());
            ps.setLong(i++, t.number().sequence());
            ps.setString(i++, t.subject());
            ps.setString(i++, t.status().name());
            ps.setString(i++, t.priority().name());
            ps.setShort(i++, (short) t.priority().ordinal());
            setNullable(ps, i++, t.type().orElse(null));
            ps.setString(i++, t.channel().name());
            ps.setString(i++, t.requester().toString());
            setNullable(ps, i++, t.assignee().map(AgentId::value).orElse(null));
            setNullable(ps, i++, t.team().map(TeamId::value).orElse(null));
            ps.setString(i++, Json.tags(t.tags()));
            ps.setString(i++, Json.fields(t.customFields()));
            ps.setString(i++, Json.orders(t.orders()));
            ps.setString(i++, Json.links(t.links()));
            ps.setLong(i++, micros(t.createdAt()));
            ps.setLong(i++, micros(t.updatedAt()));
            ps.setLong(i++, micros(t.statusChangedAt()));
            setNullable(ps, i++, microsOrNull(t.firstAgentReplyAt().orElse(null)));
            setNullable(ps, i++, microsOrNull(t.solvedAt().orElse(null)));
            setNullable(ps, i++, microsOrNull(t.closedAt().orElse(null)));
            setNullable(ps, i++, microsOrNull(t.dueAt().orElse(null)));
            ps.setLong(i++, SortField.DUE_AT.sortKey(t));
            ps.setLong(i++, SortField.QUEUE.sortKey(t));
            ps.setLong(i, t.version());
        }, Map.of(s.prefix() + "tickets_number_uq", "ticket_number"), "ticket_id");
        List<String[]> tags = new ArrayList<>();
        for (Ticket t : tickets) {
            for (String tag : t.tags()) {
                tags.add(new String[] {t.tenantId().value(), t.id().toString(), tag});
            }
            loaded.put(t.id(), t);
        }
        batch("insertTags", "INSERT INTO " + s.ticketTags() + " (tenant, ticket_id, tag) VALUES (?, ?, ?)", tags, (ps, r) -> {
            ps.setString(1, r[0]);
            ps.setString(2, r[1]);
            ps.setString(3, r[2]);
        }, Map.of(), null);
    }

    @Override
    public void insertMessages(List<Message> messages) {
        Objects.requireNonNull(messages, "messages");
        batch("insertMessages", "INSERT INTO " + s.messages() + " (" + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                messages, (ps, m) -> {
                    ps.setString(1, m.tenantId().value());
                    ps.setString(2, m.id().toString());
                    ps.setString(3, m.ticketId().toString());
                    ps.setString(4, m.visibility().name());
                    ps.setString(5, m.authorKind().name());
                    ps.setString(6, m.authorId());
                    ps.setString(7, m.channel().name());
                    ps.setString(8, m.text());
                    ps.setString(9, m.html());
                    ps.setString(10, Json.attachments(m.attachments()));
                    setNullable(ps, 11, m.externalMessageId().isEmpty() ? null : m.externalMessageId());
                    ps.setLong(12, micros(m.createdAt()));
                }, Map.of(s.prefix() + "messages_external_uq", "external_message_id"), "message_id");
    }

    @Override
    public Map<String, TicketId> findIdempotencyKeys(TenantId tenantId, java.util.Collection<String> keys) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keys, "keys");
        Map<String, TicketId> found = new java.util.LinkedHashMap<>();
        lookUpMany("findIdempotencyKeys", keys, new SqlDialect.KeyLookup("i.idem_key, i.ticket_id", s.idempotencyKeys() + " i",
                        "", List.of("i.tenant = ?"), "i.idem_key", "VARCHAR(200)"),
                List.of(tenantId.value()), rs -> found.put(rs.getString(1), TicketId.parse(rs.getString(2))));
        return found;
    }

    @Override
    public void insertIdempotencyKeys(TenantId tenantId, Map<String, TicketId> keys) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keys, "keys");
        batch("insertIdempotencyKeys", "INSERT INTO " + s.idempotencyKeys() + " (tenant, idem_key, ticket_id) VALUES (?, ?, ?)",
                List.copyOf(keys.entrySet()), (ps, e) -> {
                    ps.setString(1, tenantId.value());
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue().toString());
                }, Map.of(), "idempotency_key");
    }

    // ---- messages ------------------------------------------------------------------------------

    private static Message message(ResultSet rs) throws SQLException {
        String external = rs.getString("external_id");
        return new Message(MessageId.parse(rs.getString("id")), TenantId.of(rs.getString("tenant")),
                TicketId.parse(rs.getString("ticket_id")), Visibility.valueOf(rs.getString("visibility")),
                AuthorKind.valueOf(rs.getString("author_kind")), rs.getString("author_id"), Channel.of(rs.getString("channel")),
                rs.getString("body_text"), rs.getString("body_html"), Json.readAttachments(rs.getString("attachments_json")),
                external == null ? "" : external, instant(rs.getLong("created_us")));
    }

    @Override
    public void insertMessage(Message m) {
        Objects.requireNonNull(m, "message");
        try {
            h.createUpdate("INSERT INTO " + s.messages() + " (" + MESSAGE_COLUMNS + ") VALUES (:tenant, :id, :ticket_id, "
                            + ":visibility, :author_kind, :author_id, :channel, :body_text, :body_html, :attachments_json, "
                            + ":external_id, :created_us)")
                    .bind("tenant", m.tenantId().value())
                    .bind("id", m.id().toString())
                    .bind("ticket_id", m.ticketId().toString())
                    .bind("visibility", m.visibility().name())
                    .bind("author_kind", m.authorKind().name())
                    .bind("author_id", m.authorId())
                    .bind("channel", m.channel().name())
                    .bind("body_text", m.text())
                    .bind("body_html", m.html())
                    .bind("attachments_json", Json.attachments(m.attachments()))
                    .bind("external_id", m.externalMessageId().isEmpty() ? null : m.externalMessageId())
                    .bind("created_us", micros(m.createdAt()))
                    .execute();
        } catch (JdbiException e) {
            throw Errors.translate(e, "insertMessage", Map.of(s.prefix() + "messages_external_uq", "external_message_id"),
                    "message_id");
        }
    }

    @Override
    public List<Message> messages(TenantId tenantId, TicketId ticketId) {
        return run("messages", () -> h.createQuery("SELECT " + MESSAGE_COLUMNS + " FROM " + s.messages()
                        + " WHERE tenant = :tenant AND ticket_id = :ticket ORDER BY seq")
                .bind("tenant", tenantId.value()).bind("ticket", ticketId.toString())
                .map((rs, ctx) -> message(rs)).list());
    }

    @Override
    public Optional<Message> findMessageByExternalId(TenantId tenantId, Channel channel, String externalMessageId) {
        Objects.requireNonNull(externalMessageId, "externalMessageId");
        if (externalMessageId.isEmpty()) {
            return Optional.empty();
        }
        return run("findMessageByExternalId", () -> h.createQuery("SELECT " + MESSAGE_COLUMNS + " FROM " + s.messages()
                        + " WHERE tenant = :tenant AND channel = :channel AND external_id = :ext")
                .bind("tenant", tenantId.value()).bind("channel", channel.name()).bind("ext", externalMessageId)
                .map((rs, ctx) -> message(rs)).findOne());
    }

    @Override
    public Map<String, Message> findMessagesByExternalIds(TenantId tenantId, Channel channel,
                                                          java.util.Collection<String> externalMessageIds) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(channel, "channel");
        Map<String, Message> found = new java.util.LinkedHashMap<>();
        lookUpMany("findMessagesByExternalIds", externalMessageIds.stream().filter(id -> !id.isEmpty()).toList(),
                new SqlDialect.KeyLookup("m." + MESSAGE_COLUMNS.replace(", ", ", m."), s.messages() + " m", "",
                        List.of("m.tenant = ?", "m.channel = ?"), "m.external_id", "VARCHAR(255)"),
                List.of(tenantId.value(), channel.name()), rs -> {
                    Message m = message(rs);
                    found.put(m.externalMessageId(), m);
                });
        return found;
    }

    // ---- events --------------------------------------------------------------------------------

    @Override
    public void appendEvents(List<TicketEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>(events.size());
        for (TicketEvent e : events) {
            payloads.add(Json.event(e));
        }
        List<Integer> rows = java.util.stream.IntStream.range(0, events.size()).boxed().toList();
        batch("appendEvents", "INSERT INTO " + s.events() + " (event_id, tenant, ticket_id, ticket_version, event_type, "
                + "actor_kind, actor_id, occurred_us, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, (ps, i) -> {
                    TicketEvent e = events.get(i);
                    ps.setString(1, e.meta().eventId().toString());
                    ps.setString(2, e.tenantId().value());
                    ps.setString(3, e.ticketId().toString());
                    ps.setLong(4, e.meta().ticketVersion());
                    ps.setString(5, e.type());
                    ps.setString(6, e.actor().kind().name());
                    ps.setString(7, e.actor().id());
                    ps.setLong(8, micros(e.occurredAt()));
                    ps.setString(9, payloads.get(i));
                }, Map.of(), null);
        batch("appendEvents", "INSERT INTO " + s.outbox() + " (event_id, tenant, ticket_id, event_type, payload, attempts, "
                + "available_us) VALUES (?, ?, ?, ?, ?, 0, 0)", rows, (ps, i) -> {
                    TicketEvent e = events.get(i);
                    ps.setString(1, e.meta().eventId().toString());
                    ps.setString(2, e.tenantId().value());
                    ps.setString(3, e.ticketId().toString());
                    ps.setString(4, e.type());
                    ps.setString(5, payloads.get(i));
                }, Map.of(), null);
    }

    @Override
    public List<TicketEvent> events(TenantId tenantId, TicketId ticketId) {
        return run("events", () -> h.createQuery("SELECT payload FROM " + s.events()
                        + " WHERE tenant = :tenant AND ticket_id = :ticket ORDER BY seq")
                .bind("tenant", tenantId.value()).bind("ticket", ticketId.toString())
                .map((rs, ctx) -> Json.readEvent(rs.getString(1))).list());
    }

    @Override
    public List<TicketEvent> events(TenantId tenantId, TicketId ticketId, List<TicketEvent> known) {
        if (known.isEmpty()) {
            return events(tenantId, ticketId);
        }
        TicketEvent last = known.get(known.size() - 1);
        if (!last.ticketId().equals(ticketId) || !last.tenantId().equals(tenantId)) {
            return events(tenantId, ticketId);
        }
        // where the last known event is, and how many events there are up to it: a prefix check on the index
        Optional<long[]> at = run("eventsAfter", () -> h.createQuery("SELECT e.seq, (SELECT COUNT(*) FROM " + s.events()
                        + " c WHERE c.tenant = :tenant AND c.ticket_id = :ticket AND c.seq <= e.seq) FROM " + s.events()
                        + " e WHERE e.event_id = :id AND e.tenant = :tenant AND e.ticket_id = :ticket")
                .bind("tenant", tenantId.value()).bind("ticket", ticketId.toString())
                .bind("id", last.meta().eventId().toString())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findOne());
        if (at.isEmpty() || at.get()[1] != known.size()) {
            return events(tenantId, ticketId);
        }
        List<TicketEvent> newer = run("eventsAfter", () -> h.createQuery("SELECT payload FROM " + s.events()
                        + " WHERE tenant = :tenant AND ticket_id = :ticket AND seq > :seq ORDER BY seq")
                .bind("tenant", tenantId.value()).bind("ticket", ticketId.toString()).bind("seq", at.get()[0])
                .map((rs, ctx) -> Json.readEvent(rs.getString(1))).list());
        if (newer.isEmpty()) {
            return known;
        }
        List<TicketEvent> all = new ArrayList<>(known.size() + newer.size());
        all.addAll(known);
        all.addAll(newer);
        return all;
    }

    // ---- idempotency keys ----------------------------------------------------------------------

    @Override
    public Optional<TicketId> findIdempotencyKey(TenantId tenantId, String key) {
        return run("findIdempotencyKey", () -> h.createQuery("SELECT ticket_id FROM " + s.idempotencyKeys()
                        + " WHERE tenant = :tenant AND idem_key = :key")
                .bind("tenant", tenantId.value()).bind("key", key)
                .map((rs, ctx) -> TicketId.parse(rs.getString(1))).findOne());
    }

    @Override
    public void insertIdempotencyKey(TenantId tenantId, String key, TicketId ticketId) {
        try {
            h.createUpdate("INSERT INTO " + s.idempotencyKeys() + " (tenant, idem_key, ticket_id) VALUES (:tenant, :key, :ticket)")
                    .bind("tenant", tenantId.value()).bind("key", key).bind("ticket", ticketId.toString()).execute();
        } catch (JdbiException e) {
            throw Errors.translate(e, "insertIdempotencyKey", Map.of(), "idempotency_key");
        }
    }

    // ---- customers -----------------------------------------------------------------------------

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(CustomerId.parse(rs.getString("id")), TenantId.of(rs.getString("tenant")),
                rs.getString("display_name"), MemberTier.of(rs.getInt("tier_level"), rs.getString("tier")),
                Json.readIdentities(rs.getString("identities_json")), Json.readTags(rs.getString("tags_json")),
                instant(rs.getLong("created_us")), rs.getLong("version"));
    }

    @Override
    public Optional<Customer> findCustomer(TenantId tenantId, CustomerId id) {
        return run("findCustomer", () -> h.createQuery("SELECT " + CUSTOMER_COLUMNS + " FROM " + s.customers()
                        + " WHERE tenant = :tenant AND id = :id")
                .bind("tenant", tenantId.value()).bind("id", id.toString())
                .map((rs, ctx) -> customer(rs)).findOne());
    }

    @Override
    public Optional<Customer> findCustomerByIdentity(TenantId tenantId, IdentityType type, String value) {
        return run("findCustomerByIdentity", () -> h.createQuery("SELECT c.tenant, c.id, c.display_name, c.tier, c.tier_level, "
                        + "c.identities_json, c.tags_json, c.created_us, c.version FROM " + s.customerIdentities() + " i JOIN "
                        + s.customers() + " c ON c.tenant = i.tenant AND c.id = i.customer_id "
                        + "WHERE i.tenant = :tenant AND i.identity_type = :type AND i.identity_value = :value")
                .bind("tenant", tenantId.value()).bind("type", type.name()).bind("value", value)
                .map((rs, ctx) -> customer(rs)).findOne());
    }

    @Override
    public Map<String, Customer> findCustomersByIdentities(TenantId tenantId, IdentityType type,
                                                           java.util.Collection<String> values) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Map<String, Customer> found = new java.util.LinkedHashMap<>();
        String columns = "i.identity_value, c.tenant, c.id, c.display_name, c.tier, c.tier_level, c.identities_json, "
                + "c.tags_json, c.created_us, c.version";
        String customers = " JOIN " + s.customers() + " c ON c.tenant = i.tenant AND c.id = i.customer_id";
        lookUpMany("findCustomersByIdentities", values, new SqlDialect.KeyLookup(columns, s.customerIdentities() + " i", customers,
                        List.of("i.tenant = ?", "i.identity_type = ?"), "i.identity_value", "VARCHAR(320)"),
                List.of(tenantId.value(), type.name()), rs -> found.put(rs.getString("identity_value"), customer(rs)));
        return found;
    }

    private void insertIdentities(Customer c) {
        try {
            PreparedBatch b = h.prepareBatch("INSERT INTO " + s.customerIdentities()
                    + " (tenant, identity_type, identity_value, customer_id) VALUES (:tenant, :type, :value, :customer)");
            for (ChannelIdentity i : c.identities()) {
                b.bind("tenant", c.tenantId().value()).bind("type", i.type().name()).bind("value", i.value())
                        .bind("customer", c.id().toString()).add();
            }
            b.execute();
        } catch (JdbiException e) {
            throw Errors.translate(e, "insertIdentities", Map.of(), "customer_identity");
        }
    }

    @Override
    public void insertCustomer(Customer c) {
        Objects.requireNonNull(c, "customer");
        try {
            h.createUpdate("INSERT INTO " + s.customers() + " (" + CUSTOMER_COLUMNS + ") VALUES (:tenant, :id, "
                            + ":display_name, :tier, :tier_level, :identities_json, :tags_json, :created_us, :version)")
                    .bind("tenant", c.tenantId().value()).bind("id", c.id().toString())
                    .bind("display_name", c.displayName()).bind("tier", c.tier().name()).bind("tier_level", c.tier().level())
                    .bind("identities_json", Json.identities(c.identities())).bind("tags_json", Json.tags(c.tags()))
                    .bind("created_us", micros(c.createdAt())).bind("version", c.version())
                    .execute();
        } catch (JdbiException e) {
            throw Errors.translate(e, "insertCustomer", Map.of(), "customer_id");
        }
        insertIdentities(c);
    }

    @Override
    public void updateCustomer(Customer c, long expectedVersion) {
        Objects.requireNonNull(c, "customer");
        if (c.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be the expected version plus one");
        }
        int n = run("updateCustomer", () -> h.createUpdate("UPDATE " + s.customers() + " SET display_name = :display_name, "
                        + "tier = :tier, tier_level = :tier_level, identities_json = :identities_json, tags_json = :tags_json, created_us = :created_us, "
                        + "version = :version WHERE tenant = :tenant AND id = :id AND version = :expected")
                .bind("tenant", c.tenantId().value()).bind("id", c.id().toString())
                .bind("display_name", c.displayName()).bind("tier", c.tier().name()).bind("tier_level", c.tier().level())
                .bind("identities_json", Json.identities(c.identities())).bind("tags_json", Json.tags(c.tags()))
                .bind("created_us", micros(c.createdAt())).bind("version", c.version()).bind("expected", expectedVersion)
                .execute());
        if (n != 1) {
            long actual = run("updateCustomer", () -> h.createQuery("SELECT version FROM " + s.customers()
                            + " WHERE tenant = :tenant AND id = :id")
                    .bind("tenant", c.tenantId().value()).bind("id", c.id().toString())
                    .mapTo(Long.class).findOne().orElse(-1L));
            throw new TicketConflictException(c.id(), expectedVersion, actual);
        }
        run("updateIdentities", () -> h.createUpdate("DELETE FROM " + s.customerIdentities()
                        + " WHERE tenant = :tenant AND customer_id = :customer")
                .bind("tenant", c.tenantId().value()).bind("customer", c.id().toString()).execute());
        insertIdentities(c);
    }

    // ---- directory -----------------------------------------------------------------------------

    @Override
    public void saveAgent(Agent agent) {
        run("saveAgent", () -> h.createUpdate(s.sql().upsert(s.agents(), List.of("tenant", "id"), List.of("body")))
                .bind("tenant", agent.tenantId().value()).bind("id", agent.id().value()).bind("body", Json.agent(agent))
                .execute());
    }

    @Override
    public Optional<Agent> findAgent(TenantId tenantId, AgentId id) {
        return run("findAgent", () -> h.createQuery("SELECT body FROM " + s.agents() + " WHERE tenant = :tenant AND id = :id")
                .bind("tenant", tenantId.value()).bind("id", id.value())
                .map((rs, ctx) -> Json.readAgent(tenantId, id, rs.getString(1))).findOne());
    }

    @Override
    public List<Agent> agents(TenantId tenantId) {
        List<Agent> out = new ArrayList<>(run("agents", () -> h.createQuery("SELECT id, body FROM " + s.agents()
                        + " WHERE tenant = :tenant")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> Json.readAgent(tenantId, AgentId.of(rs.getString(1)), rs.getString(2))).list()));
        out.sort(Comparator.comparing(Agent::id));
        return List.copyOf(out);
    }

    @Override
    public void saveTeam(Team team) {
        run("saveTeam", () -> h.createUpdate(s.sql().upsert(s.teams(), List.of("tenant", "id"), List.of("name")))
                .bind("tenant", team.tenantId().value()).bind("id", team.id().value()).bind("name", team.name())
                .execute());
    }

    @Override
    public Optional<Team> findTeam(TenantId tenantId, TeamId id) {
        return run("findTeam", () -> h.createQuery("SELECT name FROM " + s.teams() + " WHERE tenant = :tenant AND id = :id")
                .bind("tenant", tenantId.value()).bind("id", id.value())
                .map((rs, ctx) -> Team.of(tenantId, id, rs.getString(1))).findOne());
    }

    @Override
    public List<Team> teams(TenantId tenantId) {
        List<Team> out = new ArrayList<>(run("teams", () -> h.createQuery("SELECT id, name FROM " + s.teams()
                        + " WHERE tenant = :tenant")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> Team.of(tenantId, TeamId.of(rs.getString(1)), rs.getString(2))).list()));
        out.sort(Comparator.comparing(Team::id));
        return List.copyOf(out);
    }

    @Override
    public void saveFieldDefinition(TenantId tenantId, FieldDefinition d) {
        run("saveFieldDefinition", () -> h.createUpdate(s.sql().upsert(s.fieldDefinitions(), List.of("tenant", "field_key"), List.of("body")))
                .bind("tenant", tenantId.value()).bind("field_key", d.key()).bind("body", Json.fieldDefinition(d))
                .execute());
    }

    @Override
    public List<FieldDefinition> fieldDefinitions(TenantId tenantId) {
        List<FieldDefinition> out = new ArrayList<>(run("fieldDefinitions", () -> h.createQuery("SELECT body FROM "
                        + s.fieldDefinitions() + " WHERE tenant = :tenant")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> Json.readFieldDefinition(rs.getString(1))).list()));
        out.sort(Comparator.comparing(FieldDefinition::key));
        return List.copyOf(out);
    }

    // ---- due work ------------------------------------------------------------------------------

    static DueWork dueWork(ResultSet rs) throws SQLException {
        String ticket = rs.getString("ticket_id");
        return new DueWork(TenantId.of(rs.getString("tenant")), rs.getString("work_key"), rs.getString("work_type"),
                ticket == null ? null : TicketId.parse(ticket), instant(rs.getLong("due_us")), rs.getString("payload"),
                rs.getInt("attempts"));
    }

    /** The dialect's insert-or-replace of a due-work row: a new schedule, unclaimed, with no attempts. */
    private String dueUpsert() {
        return s.sql().upsert(s.dueWork(), List.of("tenant", "work_key"),
                List.of("work_type", "ticket_id", "due_us", "payload", "attempts", "owner", "lease_us"));
    }

    private static <S extends SqlStatement<S>> S bindDue(S st, DueWork w) {
        return st.bind("tenant", w.tenantId().value()).bind("work_key", w.key()).bind("work_type", w.type())
                .bind("ticket_id", w.ticket().map(TicketId::toString).orElse(null))
                .bind("due_us", micros(w.dueAt())).bind("payload", w.payload()).bind("attempts", 0)
                .bind("owner", (String) null).bind("lease_us", (Long) null);
    }

    @Override
    public void scheduleDueWork(DueWork w) {
        Objects.requireNonNull(w, "work");
        run("scheduleDueWork", () -> bindDue(h.createUpdate(dueUpsert()), w).execute());
    }

    /**
     * One JDBC batch of the dialect's upsert for all items. Should a key come twice, its last item is written (as
     * one call per item would leave it): a driver that rewrites the batch into one multi-row statement (PostgreSQL's
     * {@code reWriteBatchedInserts}) would reject the same key twice in one {@code ON CONFLICT DO UPDATE}.
     */
    @Override
    public void scheduleDueWork(List<DueWork> work) {
        Objects.requireNonNull(work, "work");
        Map<List<String>, DueWork> byKey = new java.util.LinkedHashMap<>();
        for (DueWork w : work) {
            Objects.requireNonNull(w, "work item");
            byKey.remove(List.of(w.tenantId().value(), w.key()));
            byKey.put(List.of(w.tenantId().value(), w.key()), w);
        }
        if (byKey.size() == 1) {
            scheduleDueWork(byKey.values().iterator().next());
        } else if (!byKey.isEmpty()) {
            run("scheduleDueWork", () -> {
                PreparedBatch b = h.prepareBatch(dueUpsert());
                for (DueWork w : byKey.values()) {
                    bindDue(b, w).add();
                }
                return b.execute();
            });
        }
    }

    @Override
    public boolean cancelDueWork(TenantId tenantId, String key) {
        return run("cancelDueWork", () -> h.createUpdate("DELETE FROM " + s.dueWork() + " WHERE tenant = :tenant AND work_key = :key")
                .bind("tenant", tenantId.value()).bind("key", key).execute()) > 0;
    }

    @Override
    public void cancelDueWork(TenantId tenantId, java.util.Collection<String> keys) {
        Objects.requireNonNull(tenantId, "tenantId");
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(keys));
        if (all.size() == 1) {
            cancelDueWork(tenantId, all.get(0));
            return;
        }
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            run("cancelDueWork", () -> s.sql().deleteKeys(h, s.dueWork(), "work_key", tenantId.value(), chunk));
        }
    }

    @Override
    public boolean completeDueWork(DueWork w, String owner) {
        Objects.requireNonNull(w, "work");
        Objects.requireNonNull(owner, "owner");
        return run("completeDueWork", () -> h.createUpdate("DELETE FROM " + s.dueWork()
                        + " WHERE tenant = :tenant AND work_key = :key AND owner = :owner AND due_us = :due")
                .bind("tenant", w.tenantId().value()).bind("key", w.key()).bind("owner", owner)
                .bind("due", micros(w.dueAt())).execute()) == 1;
    }

    @Override
    public List<DueWork> dueWorkFor(TenantId tenantId, TicketId ticketId) {
        return run("dueWorkFor", () -> h.createQuery("SELECT " + DUE_COLUMNS + " FROM " + s.dueWork()
                        + " WHERE tenant = :tenant AND ticket_id = :ticket ORDER BY due_us, work_key")
                .bind("tenant", tenantId.value()).bind("ticket", ticketId.toString())
                .map((rs, ctx) -> dueWork(rs)).list());
    }
}
