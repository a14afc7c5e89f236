-- Which builder runs a build, and its heartbeat. Several builders share the database: one that
-- restarts fails only its own unfinished builds (not those the others are running), and a builder
-- that never comes back has its builds failed by another once their beat has stood still for a
-- minute on that other's own clock (no two clocks need agree). NULL builder: made before this.
ALTER TABLE builds ADD COLUMN builder VARCHAR(64) NULL;
ALTER TABLE builds ADD COLUMN beat BIGINT DEFAULT 0 NOT NULL;
