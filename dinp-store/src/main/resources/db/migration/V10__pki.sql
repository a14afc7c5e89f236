-- Cluster security: the CA's certificate (never its key), one-time join tokens (never their
-- secret, only its SHA-256), and every certificate the CA issued, with its revocation. Same
-- dialect rules as V1.

-- One row (id 1): the CA every server of the cluster must have. Dash reads it to trust the server
-- when it joins; a server started with another CA refuses to run against this database.
CREATE TABLE cluster_ca (
    id          INT          NOT NULL,
    cert_pem    TEXT         NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE join_tokens (
    id          CHAR(16)     NOT NULL,
    secret_hash CHAR(64)     NOT NULL,
    -- 'node', 'hm' or 'dash': what the certificate made with it may do
    role        VARCHAR(16)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    expires_at  DATETIME(3)  NOT NULL,
    -- set once, by the one enrolment the token allows
    used_at     DATETIME(3)  NULL,
    used_by     VARCHAR(128) NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE issued_certificates (
    -- lower-case hex of the certificate's serial number
    serial      VARCHAR(40)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    subject_id  VARCHAR(128) NOT NULL,
    issued_at   DATETIME(3)  NOT NULL,
    not_after   DATETIME(3)  NOT NULL,
    revoked_at  DATETIME(3)  NULL,
    revoked_by  VARCHAR(64)  NULL,
    PRIMARY KEY (serial)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_issued_certificates_subject ON issued_certificates (role, subject_id);
-- the servers re-read the revoked ones every few seconds
CREATE INDEX ix_issued_certificates_revoked ON issued_certificates (revoked_at);
