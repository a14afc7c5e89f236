package io.dinp.store;

/** A write by a leader that no longer holds the lease at its term: refused, nothing was written. */
public final class StaleTermException extends RuntimeException {
    public StaleTermException(String holder, long term, Lease now) {
        super("refused a write of " + holder + " at term " + term + ": the lease is held by '" + now.holder()
                + "' at term " + now.term());
    }
}
