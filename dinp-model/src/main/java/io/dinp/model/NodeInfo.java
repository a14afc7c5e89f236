package io.dinp.model;

import java.time.Instant;

/** One node as the API shows it: capacity, what is reserved on it, and whether it is up. */
public record NodeInfo(String id, String address, int memoryMb, int allocatedMb, int instances, String status,
                       Instant lastSeen) {
}
