-- Secrets: an app's secret environment variables, name -> sealed value (AES-256-GCM with the
-- cluster's secret key, see docs/security.md), as a JSON object. Never a plaintext: the store
-- refuses values that are not sealed. NULL for apps without secrets, which is every app from
-- before. MEDIUMTEXT like env: 256 sealed values of 32 KiB each exceed TEXT.
-- (V10 belongs to another change; Flyway applies whichever versions are missing in order.)
ALTER TABLE apps ADD COLUMN secret_env MEDIUMTEXT NULL;
