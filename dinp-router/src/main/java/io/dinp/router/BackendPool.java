package io.dinp.router;

import io.dinp.model.Backend;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle keep-alive connections to backends, for one event loop. Only that loop touches it, so
 * there is no locking, and a reused connection never changes thread.
 */
final class BackendPool {
    private final int maxIdlePerBackend;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();
    private volatile int size; // written by the loop only, read by anyone for metrics

    BackendPool(int maxIdlePerBackend) {
        this.maxIdlePerBackend = maxIdlePerBackend;
    }

    /** An open idle connection to the backend, most recently used first; null when none. */
    Channel poll(Backend backend) {
        ArrayDeque<Channel> q = idle.get(backend.hostPort());
        while (q != null && !q.isEmpty()) {
            Channel ch = q.pollFirst();
            size--;
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Keeps a drained connection for reuse; false when the pool is full and the caller must close it. */
    boolean offer(Backend backend, Channel ch) {
        ArrayDeque<Channel> q = idle.computeIfAbsent(backend.hostPort(), k -> new ArrayDeque<>());
        if (q.size() >= maxIdlePerBackend) {
            return false;
        }
        q.addFirst(ch);
        size++;
        return true;
    }

    void remove(Backend backend, Channel ch) {
        ArrayDeque<Channel> q = idle.get(backend.hostPort());
        if (q != null) {
            if (q.remove(ch)) {
                size--;
            }
            if (q.isEmpty()) {
                idle.remove(backend.hostPort());
            }
        }
    }

    int idleCount() {
        return size;
    }
}
