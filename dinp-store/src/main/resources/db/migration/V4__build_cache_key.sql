-- What a build was made of (artifact hash, stack, start command, base image id, template):
-- a later build with the same key reuses its image instead of building again.
ALTER TABLE builds ADD COLUMN cache_key CHAR(64) NULL;
CREATE INDEX ix_builds_app_key ON builds (app, cache_key);
