package io.dinp.model;

import java.time.Instant;

/**
 * One build of an artifact into an image.
 *
 * @param status    queued, running, succeeded or failed
 * @param image     the image reference deployed from it (with its digest when pushed), null until it succeeded
 * @param failure   why it failed, null otherwise
 */
public record Build(String id, String app, String version, String stack, String status, String image,
                    String digest, String failure, String createdBy, Instant createdAt, Instant finishedAt,
                    Long durationMs) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }
}
