package io.dinp.model;

import java.time.Instant;

/** What the server knows of one node: capacity, where it is and when it last spoke. */
public record NodeView(String id, String address, int memoryMb, Instant lastSeen, boolean up) {
}
