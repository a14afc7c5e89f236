package io.dinp.model;

/**
 * The logs of one node's instances, as its agent reads them from Docker: in one JVM a direct
 * call, otherwise HTTP to the agent.
 */
public interface NodeLogs {

    /**
     * Streams the lines of the app's instances on this node — running ones and those whose
     * container was removed within the retention time — into {@code sink}. Without
     * {@link LogQuery#follow()} it returns once every line asked for was sent; with it, it also
     * streams new lines and new instances' lines until the sink refuses one.
     */
    void stream(LogQuery query, LogSink sink) throws Exception;
}
