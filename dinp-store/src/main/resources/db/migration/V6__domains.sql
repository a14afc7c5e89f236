-- Issue 5: custom domains. A domain (exact, or a wildcard '*.example.com') belongs to one app at most.
CREATE TABLE domains (
    domain      VARCHAR(253)  NOT NULL,
    app         VARCHAR(63)   NOT NULL,
    created_by  VARCHAR(200)  NULL,
    created_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX domains_app ON domains (app);
