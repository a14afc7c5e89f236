package io.dinp.common;

import java.time.Instant;

/** Epoch microseconds, the unit route changes carry so any process can measure propagation. */
public final class Micros {
    private Micros() {
    }

    public static long of(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    public static long now() {
        return of(Instant.now());
    }
}
