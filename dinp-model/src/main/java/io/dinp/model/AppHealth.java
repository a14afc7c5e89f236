package io.dinp.model;

import java.time.Instant;

/**
 * What the controller remembers about an app's failures between passes, for backoff.
 */
public record AppHealth(int failures, Instant nextPlacementAt, String lastFailure) {
    public static final AppHealth OK = new AppHealth(0, Instant.EPOCH, null);
}
