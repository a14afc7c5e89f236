-- Issue 5: TLS certificates per custom domain (PEM). The key is stored as given: protect the database.
CREATE TABLE certificates (
    domain      VARCHAR(253)  NOT NULL,
    app         VARCHAR(63)   NOT NULL,
    chain_pem   MEDIUMTEXT    NOT NULL,
    key_pem     MEDIUMTEXT    NOT NULL,
    not_after   DATETIME(3)   NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX certificates_app ON certificates (app);
