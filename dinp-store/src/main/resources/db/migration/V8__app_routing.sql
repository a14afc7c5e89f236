-- Issue 5: per-app route options, carried to the routers with the route table. Only apps that
-- changed an option have a row; no row means the defaults (no stickiness, the router's body
-- limit, no redirect). BOOLEAN is TINYINT(1) on MariaDB and a boolean on H2: both read as such.
CREATE TABLE app_routing (
    app              VARCHAR(63)   NOT NULL,
    sticky_sessions  BOOLEAN       NOT NULL,
    -- bytes; 0 = the router's own limit
    max_body_bytes   BIGINT        NOT NULL,
    https_redirect   BOOLEAN       NOT NULL,
    updated_by       VARCHAR(200)  NULL,
    updated_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (app)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
