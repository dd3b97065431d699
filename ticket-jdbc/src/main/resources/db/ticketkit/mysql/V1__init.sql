-- TicketKit schema for MySQL 8+ and MariaDB 10.6+ (utf8mb4, binary collation: ids, keys and identities are case-sensitive). ${prefix} is the table prefix (default tk_).
-- ${binaryCollation} is utf8mb4_nopad_bin on MariaDB and utf8mb4_0900_bin on MySQL 8 (binary, and trailing spaces count).
-- Instants are BIGINT microseconds since the epoch (UTC); ids are canonical lower-case UUID text, whose
-- order is the ids' time order. JSON columns hold what views never filter on.

CREATE TABLE ${prefix}tickets (
    tenant            VARCHAR(64)   NOT NULL,
    id                VARCHAR(36)   NOT NULL,
    number_prefix     VARCHAR(8)    NOT NULL,
    number_seq        BIGINT        NOT NULL,
    subject           MEDIUMTEXT NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    priority          VARCHAR(16)   NOT NULL,
    priority_rank     SMALLINT      NOT NULL,
    ticket_type       VARCHAR(64),
    channel           VARCHAR(32)   NOT NULL,
    requester         VARCHAR(36)   NOT NULL,
    assignee          VARCHAR(64),
    team              VARCHAR(64),
    tags_json         MEDIUMTEXT          NOT NULL,
    fields_json       MEDIUMTEXT          NOT NULL,
    orders_json       MEDIUMTEXT          NOT NULL,
    links_json        MEDIUMTEXT          NOT NULL,
    created_us        BIGINT        NOT NULL,
    updated_us        BIGINT        NOT NULL,
    status_changed_us BIGINT        NOT NULL,
    first_reply_us    BIGINT,
    solved_us         BIGINT,
    closed_us         BIGINT,
    due_us            BIGINT,
    due_key           BIGINT        NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}tickets_pk PRIMARY KEY (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE UNIQUE INDEX ${prefix}tickets_number_uq ON ${prefix}tickets (tenant, number_prefix, number_seq);
CREATE INDEX ${prefix}tickets_agent_queue ON ${prefix}tickets (tenant, assignee, status, created_us, id);
CREATE INDEX ${prefix}tickets_team_queue ON ${prefix}tickets (tenant, team, status, created_us, id);
CREATE INDEX ${prefix}tickets_requester ON ${prefix}tickets (tenant, requester, created_us, id);
CREATE INDEX ${prefix}tickets_created ON ${prefix}tickets (tenant, created_us, id);
CREATE INDEX ${prefix}tickets_updated ON ${prefix}tickets (tenant, updated_us, id);
CREATE INDEX ${prefix}tickets_due ON ${prefix}tickets (tenant, due_key, id);

CREATE TABLE ${prefix}ticket_tags (
    tenant    VARCHAR(64)  NOT NULL,
    ticket_id VARCHAR(36)  NOT NULL,
    tag       VARCHAR(100) NOT NULL,
    CONSTRAINT ${prefix}ticket_tags_pk PRIMARY KEY (tenant, ticket_id, tag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE INDEX ${prefix}ticket_tags_tag ON ${prefix}ticket_tags (tenant, tag, ticket_id);

CREATE TABLE ${prefix}messages (
    seq              BIGINT NOT NULL AUTO_INCREMENT,
    tenant           VARCHAR(64)  NOT NULL,
    id               VARCHAR(36)  NOT NULL,
    ticket_id        VARCHAR(36)  NOT NULL,
    visibility       VARCHAR(16)  NOT NULL,
    author_kind      VARCHAR(16)  NOT NULL,
    author_id        VARCHAR(200) NOT NULL,
    channel          VARCHAR(32)  NOT NULL,
    body_text        MEDIUMTEXT         NOT NULL,
    body_html        MEDIUMTEXT         NOT NULL,
    attachments_json MEDIUMTEXT         NOT NULL,
    external_id      VARCHAR(255),
    created_us       BIGINT       NOT NULL,
    CONSTRAINT ${prefix}messages_pk PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE UNIQUE INDEX ${prefix}messages_id_uq ON ${prefix}messages (tenant, id);
CREATE INDEX ${prefix}messages_ticket ON ${prefix}messages (tenant, ticket_id, seq);
-- external_id is NULL when the channel gave none; unique indexes let NULLs repeat.
CREATE UNIQUE INDEX ${prefix}messages_external_uq ON ${prefix}messages (tenant, channel, external_id);

CREATE TABLE ${prefix}events (
    seq            BIGINT NOT NULL AUTO_INCREMENT,
    event_id       VARCHAR(36)  NOT NULL,
    tenant         VARCHAR(64)  NOT NULL,
    ticket_id      VARCHAR(36)  NOT NULL,
    ticket_version BIGINT       NOT NULL,
    event_type     VARCHAR(200) NOT NULL,
    actor_kind     VARCHAR(16)  NOT NULL,
    actor_id       VARCHAR(200) NOT NULL,
    occurred_us    BIGINT       NOT NULL,
    payload        MEDIUMTEXT         NOT NULL,
    CONSTRAINT ${prefix}events_pk PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE UNIQUE INDEX ${prefix}events_event_id_uq ON ${prefix}events (event_id);
CREATE INDEX ${prefix}events_ticket ON ${prefix}events (tenant, ticket_id, seq);

CREATE TABLE ${prefix}outbox (
    seq            BIGINT NOT NULL AUTO_INCREMENT,
    event_id       VARCHAR(36)  NOT NULL,
    tenant         VARCHAR(64)  NOT NULL,
    ticket_id      VARCHAR(36)  NOT NULL,
    event_type     VARCHAR(200) NOT NULL,
    payload        MEDIUMTEXT         NOT NULL,
    attempts       INT          DEFAULT 0 NOT NULL,
    available_us   BIGINT       DEFAULT 0 NOT NULL,
    CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE INDEX ${prefix}outbox_ticket ON ${prefix}outbox (tenant, ticket_id, seq);

CREATE TABLE ${prefix}idempotency_keys (
    tenant    VARCHAR(64)  NOT NULL,
    idem_key  VARCHAR(200) NOT NULL,
    ticket_id VARCHAR(36)  NOT NULL,
    CONSTRAINT ${prefix}idempotency_keys_pk PRIMARY KEY (tenant, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};

CREATE TABLE ${prefix}ticket_numbers (
    tenant     VARCHAR(64) NOT NULL,
    last_value BIGINT      NOT NULL,
    CONSTRAINT ${prefix}ticket_numbers_pk PRIMARY KEY (tenant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};

CREATE TABLE ${prefix}customers (
    tenant          VARCHAR(64)  NOT NULL,
    id              VARCHAR(36)  NOT NULL,
    display_name    VARCHAR(1000) NOT NULL,
    tier            VARCHAR(32)  NOT NULL,
    tier_level      SMALLINT     NOT NULL,
    identities_json MEDIUMTEXT         NOT NULL,
    tags_json       MEDIUMTEXT         NOT NULL,
    created_us      BIGINT       NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT ${prefix}customers_pk PRIMARY KEY (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};

CREATE TABLE ${prefix}customer_identities (
    tenant        VARCHAR(64)  NOT NULL,
    identity_type VARCHAR(32)  NOT NULL,
    identity_value VARCHAR(320) NOT NULL,
    customer_id   VARCHAR(36)  NOT NULL,
    CONSTRAINT ${prefix}customer_identities_pk PRIMARY KEY (tenant, identity_type, identity_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE INDEX ${prefix}customer_identities_customer ON ${prefix}customer_identities (tenant, customer_id);

CREATE TABLE ${prefix}agents (
    tenant VARCHAR(64) NOT NULL,
    id     VARCHAR(64) NOT NULL,
    body   MEDIUMTEXT        NOT NULL,
    CONSTRAINT ${prefix}agents_pk PRIMARY KEY (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};

CREATE TABLE ${prefix}teams (
    tenant VARCHAR(64)   NOT NULL,
    id     VARCHAR(64)   NOT NULL,
    name   VARCHAR(1000) NOT NULL,
    CONSTRAINT ${prefix}teams_pk PRIMARY KEY (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};

CREATE TABLE ${prefix}field_definitions (
    tenant    VARCHAR(64) NOT NULL,
    field_key VARCHAR(64) NOT NULL,
    body      MEDIUMTEXT        NOT NULL,
    CONSTRAINT ${prefix}field_definitions_pk PRIMARY KEY (tenant, field_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};

CREATE TABLE ${prefix}due_work (
    tenant     VARCHAR(64)  NOT NULL,
    work_key   VARCHAR(200) NOT NULL,
    work_type  VARCHAR(64)  NOT NULL,
    ticket_id  VARCHAR(36),
    due_us     BIGINT       NOT NULL,
    payload    MEDIUMTEXT         NOT NULL,
    attempts   INT          NOT NULL,
    owner      VARCHAR(200),
    lease_us   BIGINT,
    CONSTRAINT ${prefix}due_work_pk PRIMARY KEY (tenant, work_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${binaryCollation};
CREATE INDEX ${prefix}due_work_due ON ${prefix}due_work (due_us);
CREATE INDEX ${prefix}due_work_ticket ON ${prefix}due_work (tenant, ticket_id);
