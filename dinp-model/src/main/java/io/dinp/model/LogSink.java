package io.dinp.model;

/** Where a log stream goes. It must not block for long: a slow reader drops lines instead. */
@FunctionalInterface
public interface LogSink {

    /** Takes one message; false when the reader is gone and the source should stop. */
    boolean accept(LogEvent event);

    /** Pushes out what was accepted (a batch ended); false when the reader is gone. */
    default boolean flush() {
        return true;
    }
}
