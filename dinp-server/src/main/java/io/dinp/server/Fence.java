package io.dinp.server;

import java.util.concurrent.Callable;

/**
 * What makes a controller's side effects safe when several servers run: the term it acts for,
 * whether it may still act, and a way to make a SQL write conditional on still holding the lease
 * at that term (in the same transaction).
 */
public interface Fence {
    /** The term every assignment and route table carries; 0 without an election. */
    long term();

    /** Whether the controller may act now; false once its lease may have passed to another server. */
    boolean acting();

    /** Runs {@code work} so that its SQL writes commit only while the lease is still held at {@link #term()}. */
    <T> T fenced(Callable<T> work) throws Exception;

    /** One server that always leads (one JVM, or a single server without an election). */
    Fence NONE = new Fence() {
        @Override
        public long term() {
            return 0;
        }

        @Override
        public boolean acting() {
            return true;
        }

        @Override
        public <T> T fenced(Callable<T> work) throws Exception {
            return work.call();
        }
    };
}
