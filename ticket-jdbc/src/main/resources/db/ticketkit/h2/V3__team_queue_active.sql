-- Team queues at scale on H2: H2 does not turn `status IN (...)` on an index's third column into ranges, so a
-- team's queue read every ticket of the team (mostly closed) and sorted them. `active` (NEW, OPEN, PENDING,
-- ON_HOLD) is computed by H2 from status, so no insert names it; queries on a subset of the active (or of the
-- inactive) statuses add `active = TRUE` (`FALSE`), and these indexes let H2 walk a team's active tickets in
-- the queue's sort order and stop after one page. H2 takes an index as sorted only when the ORDER BY is a
-- prefix of its columns in their direction, so a one-team query orders by `tenant, team, active` first (constant
-- there) in the sort's direction: descending for the priority queue, ascending for the work queue.
-- A simple CASE, not `status IN (...)`: H2 2.4 keeps the session that created an IN-list column expression and
-- fails inserts once that connection is closed ("database has been closed").
ALTER TABLE ${prefix}tickets ADD COLUMN active BOOLEAN GENERATED ALWAYS AS
    (CASE status WHEN 'SOLVED' THEN FALSE WHEN 'CLOSED' THEN FALSE ELSE TRUE END);
CREATE INDEX ${prefix}tickets_team_active_priority ON ${prefix}tickets (tenant DESC, team DESC, active DESC, priority_rank DESC, id DESC);
CREATE INDEX ${prefix}tickets_team_active_queue ON ${prefix}tickets (tenant, team, active, queue_key, id);
