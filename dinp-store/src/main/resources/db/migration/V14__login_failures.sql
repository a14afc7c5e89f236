-- Failed sign-ins in a row, per (throttle, user name, address), shared by every dash on the database:
-- with several dashes behind one name, a guesser gets no more tries than with one. The key is the
-- SHA-256 hex of the three, so no typed name is stored (a name that is no user's may be a password
-- typed in the wrong box). Times are the failing dash's clock. Rows quiet for an hour are purged.
CREATE TABLE login_failures (
    key_hash     CHAR(64)     NOT NULL,
    failures     INT          NOT NULL,
    last_at      DATETIME(3)  NOT NULL,
    locked_until DATETIME(3)  NULL,
    PRIMARY KEY (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_login_failures_last ON login_failures (last_at);
