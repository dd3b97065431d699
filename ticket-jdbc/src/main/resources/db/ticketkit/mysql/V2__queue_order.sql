-- Work-queue order (SortField.QUEUE): priority, then SLA due time, then age; see SortField.sortKey.
-- 288230376151711744 = 2^58; tickets without a due time get 2^58 - 1 in the low bits.
ALTER TABLE ${prefix}tickets ADD COLUMN queue_key BIGINT NOT NULL DEFAULT 0;
UPDATE ${prefix}tickets SET queue_key = (3 - priority_rank) * 288230376151711744
    + COALESCE(CASE WHEN due_us < 0 THEN 0 WHEN due_us > 288230376151711741 THEN 288230376151711741 ELSE due_us END, 288230376151711743);
CREATE INDEX ${prefix}tickets_team_queue_order ON ${prefix}tickets (tenant, team, queue_key, id);
CREATE INDEX ${prefix}tickets_agent_queue_order ON ${prefix}tickets (tenant, assignee, queue_key, id);
