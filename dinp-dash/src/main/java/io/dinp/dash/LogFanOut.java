package io.dinp.dash;

import io.dinp.common.logs.ByteBudget;
import io.dinp.common.logs.EventQueue;
import io.dinp.common.logs.LogMerge;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.model.LogSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One reader's stream of an app's logs from every node: each node's stream runs on a virtual
 * thread into its own bounded queue, merged into the response. Following, nodes that came up
 * are added, and a node whose stream broke is asked again for new lines, every few seconds.
 */
final class LogFanOut {
    /** What one node's queue may hold before a follower drops its lines. */
    static final long NODE_QUEUE_BYTES = 1024 * 1024;
    static final Duration RELIST = Duration.ofSeconds(5);

    private final LogNodes nodes;
    private final ByteBudget budget;
    private final Duration keepalive;
    private final Duration relist;

    LogFanOut(LogNodes nodes, ByteBudget budget, Duration keepalive) {
        this(nodes, budget, keepalive, RELIST);
    }

    /** @param relist how often a follower looks for nodes it does not read yet */
    LogFanOut(LogNodes nodes, ByteBudget budget, Duration keepalive, Duration relist) {
        this.nodes = nodes;
        this.budget = budget;
        this.keepalive = keepalive;
        this.relist = relist;
    }

    void run(LogQuery q, LogSink out) throws InterruptedException {
        LogMerge merge = new LogMerge(out, keepalive, budget);
        Map<String, EventQueue> running = new HashMap<>();
        Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean over = new AtomicBoolean();
        Runnable discover = () -> {
            List<LogNodes.Node> current;
            try {
                current = nodes.current();
            } catch (Exception e) {
                notice(merge, said, LogEvent.error(null, "cannot ask the controller which nodes run the app: " + e.getMessage()));
                return;
            }
            for (LogNodes.Node n : current) {
                EventQueue known = running.get(n.id());
                if (known == null) {
                    running.put(n.id(), start(merge, n, q, over, said));
                } else if (q.follow() && known.isDone()) {
                    // the stream broke off (agent restarted?): carry on with what comes next
                    running.put(n.id(), start(merge, n, q.onlyNew(), over, said));
                }
            }
        };
        discover.run();
        try {
            merge.run(!q.follow(), relist, q.follow() ? discover : null);
        } finally {
            over.set(true);
        }
    }

    private EventQueue start(LogMerge merge, LogNodes.Node n, LogQuery q, AtomicBoolean over, Set<String> said) {
        EventQueue queue = merge.newQueue(NODE_QUEUE_BYTES, q.follow());
        Thread.ofVirtual().name("dinp-logs-" + n.id()).start(() -> {
            try {
                n.logs().stream(q, e -> {
                    if (e.type() != null && LogEvent.ERROR.equals(e.type()) && !said.add(n.id() + e.message())) {
                        return !over.get(); // said once already in this stream
                    }
                    try {
                        return queue.offer(e.node() == null ? e.onNode(n.id()) : e) && !over.get();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
            } catch (Exception e) {
                String msg = "cannot read the logs of node " + n.id() + ": " + e.getMessage();
                if (said.add(n.id() + msg)) {
                    try {
                        queue.offer(LogEvent.error(n.id(), msg));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            } finally {
                queue.finish();
            }
        });
        return queue;
    }

    private static void notice(LogMerge merge, Set<String> said, LogEvent e) {
        if (!said.add(String.valueOf(e.message()))) {
            return;
        }
        EventQueue q = merge.newQueue(NODE_QUEUE_BYTES, false);
        try {
            q.offer(e);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        q.finish();
    }
}
