-- The outbox relay reads only due rows and moves a row that keeps failing to the dead letters.
-- outbox_due serves the relay's poll (available_us <= now, in order of available_us and seq): rows waiting for a
-- retry are never read until their time comes, however many there are. first_failed_us is the instant of a
-- row's first failed delivery (NULL while none failed).
ALTER TABLE ${prefix}outbox ADD COLUMN first_failed_us BIGINT;
CREATE INDEX ${prefix}outbox_due ON ${prefix}outbox (available_us, seq);

-- Dead letters: outbox rows whose delivery failed maxAttempts times, with the outbox row's seq, until the host
-- retries (back to the outbox) or discards them. error_class and error_reason describe the last failure.
CREATE TABLE ${prefix}outbox_dead (
    seq             BIGINT            NOT NULL,
    event_id        VARCHAR(36)       NOT NULL,
    tenant          VARCHAR(64)       NOT NULL,
    ticket_id       VARCHAR(36)       NOT NULL,
    event_type      VARCHAR(200)      NOT NULL,
    payload         CHARACTER VARYING NOT NULL,
    attempts        INT               NOT NULL,
    first_failed_us BIGINT            NOT NULL,
    last_failed_us  BIGINT            NOT NULL,
    error_class     VARCHAR(255)      NOT NULL,
    error_reason    VARCHAR(200)      NOT NULL,
    CONSTRAINT ${prefix}outbox_dead_pk PRIMARY KEY (seq)
);
CREATE INDEX ${prefix}outbox_dead_tenant ON ${prefix}outbox_dead (tenant, seq);
CREATE INDEX ${prefix}outbox_dead_event ON ${prefix}outbox_dead (event_id);
