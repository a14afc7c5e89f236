-- Retention deletes old images; the release stays in the history, marked as no longer deployable.
ALTER TABLE releases ADD COLUMN pruned_at DATETIME(3) NULL;
