-- One schema for H2 (MODE=MySQL) and MariaDB/MySQL: keep to the syntax both accept.
-- Times are DATETIME(3) holding UTC, written by the application: no time zone conversion on
-- either side, and no TIMESTAMP auto-update or year-2038 surprises on MariaDB.
-- utf8mb4_bin: any Unicode (including 4-byte characters) and exact, case-sensitive keys.
-- Primary keys are unnamed: MariaDB ignores (and warns about) a name given to one.

CREATE TABLE apps (
    name        VARCHAR(63)   NOT NULL,
    image       VARCHAR(512)  NOT NULL,
    instances   INT           NOT NULL,
    memory_mb   INT           NOT NULL,
    -- a JSON object; MEDIUMTEXT because TEXT (64 KiB) is smaller than the largest valid env
    env         MEDIUMTEXT    NOT NULL,
    health_path VARCHAR(1024) NOT NULL,
    generation  BIGINT        NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE tokens (
    id           VARCHAR(32)  NOT NULL,
    name         VARCHAR(128) NOT NULL,
    user_name    VARCHAR(128) NOT NULL,
    -- SHA-256 hex of the token; the token itself is never stored
    token_hash   CHAR(64)     NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    last_used_at DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_tokens_hash UNIQUE (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE events (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    app        VARCHAR(63)   NULL,
    kind       VARCHAR(64)   NOT NULL,
    message    VARCHAR(2048) NOT NULL,
    actor      VARCHAR(128)  NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- an app's history page reads its newest events
CREATE INDEX ix_events_app_id ON events (app, id);
