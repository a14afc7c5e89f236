package io.dinp.model;

import java.time.Instant;

/**
 * One node as the API shows it: capacity, what is reserved on it, and whether it is up.
 *
 * @param logUrl where its agent serves instance logs to dash, null when it serves none over HTTP
 */
public record NodeInfo(String id, String address, int memoryMb, int allocatedMb, int instances, String status,
                       Instant lastSeen, String logUrl) {

    public NodeInfo(String id, String address, int memoryMb, int allocatedMb, int instances, String status,
                    Instant lastSeen) {
        this(id, address, memoryMb, allocatedMb, instances, status, lastSeen, null);
    }
}
