-- Issue 4: per-app health checks, and a release history that says when a rollout failed.
-- health: a JSON object of the check's settings (null = the defaults on health_path).
ALTER TABLE apps ADD COLUMN health TEXT NULL;
-- failure: why a rollout of this release was rolled back by itself; failed_at: when.
ALTER TABLE releases ADD COLUMN failed_at DATETIME(3) NULL;
ALTER TABLE releases ADD COLUMN failure VARCHAR(2000) NULL;
