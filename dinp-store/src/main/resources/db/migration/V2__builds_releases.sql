-- Builds (artifact -> image) and releases (deployable images of an app). Same dialect rules as V1.

CREATE TABLE builds (
    id          VARCHAR(32)   NOT NULL,
    app         VARCHAR(63)   NOT NULL,
    version     VARCHAR(128)  NOT NULL,
    stack       VARCHAR(32)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    image       VARCHAR(512)  NULL,
    digest      VARCHAR(128)  NULL,
    failure     VARCHAR(2048) NULL,
    -- the whole build log once finished; while running it streams from memory
    log         MEDIUMTEXT    NULL,
    created_by  VARCHAR(128)  NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    finished_at DATETIME(3)   NULL,
    duration_ms BIGINT        NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_builds_app_created ON builds (app, created_at);

CREATE TABLE releases (
    app        VARCHAR(63)   NOT NULL,
    version    VARCHAR(128)  NOT NULL,
    seq        BIGINT        NOT NULL,
    image      VARCHAR(512)  NOT NULL,
    build_id   VARCHAR(32)   NULL,
    note       VARCHAR(1024) NULL,
    created_by VARCHAR(128)  NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (app, version),
    CONSTRAINT uk_releases_seq UNIQUE (app, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
