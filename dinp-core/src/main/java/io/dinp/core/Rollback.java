package io.dinp.core;

import io.dinp.model.InstanceSpec;

/**
 * A rollout that failed: the app must go back to what its old, still serving instances run.
 *
 * @param generation     the app's generation the failed rollout belongs to; a newer change wins
 * @param failedSpecHash what the failed rollout tried to run
 * @param to             what to go back to: image, memory and env of the old serving instances
 * @param reason         why, for the status, the event log and the release history
 */
public record Rollback(String app, long generation, String failedSpecHash, String failedImage, InstanceSpec to,
                       String reason) {
}
