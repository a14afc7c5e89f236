package io.dinp.model;

import java.time.Instant;

/**
 * What the controller remembers about an app's failures between passes, for backoff.
 *
 * @param lastExit the exit code of the last instance that exited, null when the last failure was no exit
 */
public record AppHealth(int failures, Instant nextPlacementAt, String lastFailure, Integer lastExit) {
    public static final AppHealth OK = new AppHealth(0, Instant.EPOCH, null, null);

    public AppHealth(int failures, Instant nextPlacementAt, String lastFailure) {
        this(failures, nextPlacementAt, lastFailure, null);
    }
}
