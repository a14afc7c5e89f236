package io.dinp.model;

import java.time.Instant;

/**
 * A deployable version of an app: an image by digest, made by a build (or registered by hand).
 *
 * @param seq      increases with every release of the app: "previous" means the next lower one
 * @param prunedAt when retention deleted its image (the record stays as history), null while deployable
 * @param failedAt when a rollout of it failed its health checks and was rolled back, null if never
 * @param failure  why that rollout failed
 */
public record Release(String app, String version, long seq, String image, String buildId, String note,
                      String createdBy, Instant createdAt, Instant prunedAt, Instant failedAt, String failure) {

    public Release(String app, String version, long seq, String image, String buildId, String note,
                   String createdBy, Instant createdAt, Instant prunedAt) {
        this(app, version, seq, image, buildId, note, createdBy, createdAt, prunedAt, null, null);
    }

    public boolean pruned() {
        return prunedAt != null;
    }
}
