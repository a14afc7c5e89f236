-- Issue 6: accounts. Users with an Argon2id password hash, teams, membership with a role, browser
-- sessions, apps owned by a team, and the audit columns of events. Same dialect rules as V1.

CREATE TABLE users (
    name                VARCHAR(64)   NOT NULL,
    -- PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash (parameters travel with the hash)
    password_hash       VARCHAR(255)  NOT NULL,
    site_admin          BOOLEAN       NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    password_changed_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE teams (
    name       VARCHAR(63)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE memberships (
    team       VARCHAR(63)  NOT NULL,
    user_name  VARCHAR(64)  NOT NULL,
    -- 'owner' or 'member'
    role       VARCHAR(16)  NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (team, user_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- every request resolves its caller's teams
CREATE INDEX ix_memberships_user ON memberships (user_name);

CREATE TABLE sessions (
    -- SHA-256 hex of the session id: a copy of the table does not let anyone in
    id_hash      CHAR(64)     NOT NULL,
    user_name    VARCHAR(64)  NOT NULL,
    address      VARCHAR(64)  NULL,
    created_at   DATETIME(3)  NOT NULL,
    expires_at   DATETIME(3)  NOT NULL,
    last_seen_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_sessions_user ON sessions (user_name);
CREATE INDEX ix_sessions_expires ON sessions (expires_at);

-- Every app belongs to one team; apps of a database from before teams go to 'default', the team
-- the bootstrap admin owns.
ALTER TABLE apps ADD COLUMN team VARCHAR(63) NOT NULL DEFAULT 'default';
CREATE INDEX ix_apps_team ON apps (team);

-- The audit log is the event log: actor is the user (or component), address where the request
-- came from, team the team of the app or the team the entry is about.
ALTER TABLE events ADD COLUMN team VARCHAR(63) NULL;
ALTER TABLE events ADD COLUMN address VARCHAR(64) NULL;
CREATE INDEX ix_events_team_id ON events (team, id);
-- events of apps from before teams are the 'default' team's, like the apps
UPDATE events SET team = 'default' WHERE app IS NOT NULL;
