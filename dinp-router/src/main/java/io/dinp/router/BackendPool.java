package io.dinp.router;

import io.dinp.model.Backend;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Idle keep-alive connections to backends, for one event loop. Only that loop touches it, so
 * there is no locking, and a reused connection never changes thread. Connections to backends
 * that left the route table are not kept: their instance is about to stop.
 */
final class BackendPool {
    private static final AttributeKey<Boolean> IDLE = AttributeKey.valueOf(BackendPool.class, "idle");

    private final int maxIdlePerBackend;
    private final Predicate<String> wanted;
    private final Consumer<Backend> becameIdle;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();
    private volatile int size; // written by the loop only, read by anyone for metrics

    /**
     * @param wanted     whether connections to a backend (host:port) may be kept, i.e. it is still routed to
     * @param becameIdle told of each connection the pool took, which no longer serves a request
     */
    BackendPool(int maxIdlePerBackend, Predicate<String> wanted, Consumer<Backend> becameIdle) {
        this.maxIdlePerBackend = maxIdlePerBackend;
        this.wanted = wanted;
        this.becameIdle = becameIdle;
    }

    /** Whether the connection was last put in a pool rather than taken out of one: it serves no request. */
    static boolean isIdle(Channel ch) {
        return Boolean.TRUE.equals(ch.attr(IDLE).get());
    }

    /** An open idle connection to the backend, most recently used first; null when none. */
    Channel poll(Backend backend) {
        ArrayDeque<Channel> q = idle.get(backend.hostPort());
        while (q != null && !q.isEmpty()) {
            Channel ch = q.pollFirst();
            size--;
            if (ch.isActive()) {
                ch.attr(IDLE).set(false);
                return ch;
            }
        }
        return null;
    }

    /**
     * Keeps a drained connection for reuse; false when the pool is full or the backend left the
     * route table, and the caller must close it.
     */
    boolean offer(Backend backend, Channel ch) {
        if (!wanted.test(backend.hostPort())) {
            return false;
        }
        ArrayDeque<Channel> q = idle.computeIfAbsent(backend.hostPort(), k -> new ArrayDeque<>());
        if (q.size() >= maxIdlePerBackend) {
            return false;
        }
        q.addFirst(ch);
        size++;
        ch.attr(IDLE).set(true);
        becameIdle.accept(backend);
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

    /** Closes the idle connections to backends no longer wanted; returns how many. */
    int closeUnwanted() {
        List<Channel> doomed = new ArrayList<>();
        idle.entrySet().removeIf(e -> {
            if (wanted.test(e.getKey())) {
                return false;
            }
            doomed.addAll(e.getValue());
            return true;
        });
        size -= doomed.size();
        doomed.forEach(Channel::close);
        return doomed.size();
    }

    int idleCount() {
        return size;
    }
}
