package io.dinp.server;

import io.dinp.server.LeaseDecision.Acquire;
import io.dinp.server.LeaseDecision.Follow;
import io.dinp.server.LeaseDecision.Memory;
import io.dinp.server.LeaseDecision.Renew;
import io.dinp.server.LeaseDecision.Step;
import io.dinp.server.LeaseDecision.StepDown;
import io.dinp.store.Lease;
import io.dinp.store.LeaseStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controller's lease: reads it every eighth of a lease, takes it over or renews it as
 * {@link LeaseDecision} says, and tells the server when it starts and stops leading. A watchdog
 * steps down on its own clock when renewals stall (the database hangs), so a leader stops acting
 * before any standby may take over even if no SQL call returns. The listener runs on a thread of
 * its own, so starting a controller never delays a renewal.
 */
public final class LeaderElector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

    /** Told of transitions, one at a time, in order. */
    public interface Listener {
        void elected(long term) throws Exception;

        void deposed(long term, String reason);
    }

    private final LeaseStore store;
    private final String id;
    private final String advertise;
    private final Duration lease;
    private final Listener listener;
    private final LongSupplier nanos;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.ExecutorService transitions;
    private final Object lock = new Object();
    private Memory memory = Memory.START;
    private volatile String leaderUrl = "";
    private volatile boolean closed;

    public LeaderElector(LeaseStore store, String id, String advertise, Duration lease, Listener listener) {
        this(store, id, advertise, lease, listener, System::nanoTime);
    }

    LeaderElector(LeaseStore store, String id, String advertise, Duration lease, Listener listener, LongSupplier nanos) {
        this.store = store;
        this.id = id;
        this.advertise = advertise;
        this.lease = lease;
        this.listener = listener;
        this.nanos = nanos;
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "dinp-lease");
            t.setDaemon(true);
            return t;
        });
        this.transitions = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dinp-leader-transitions");
            t.setDaemon(true);
            return t;
        });
    }

    public LeaderElector start() {
        long every = LeaseDecision.interval(lease).toMillis();
        timer.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::watchdog, every, Math.max(10, every / 5), TimeUnit.MILLISECONDS);
        return this;
    }

    /** This server's holder id: unique per run. */
    public String id() {
        return id;
    }

    /** The leader's control API as last read, "" when unknown. */
    public String leaderUrl() {
        return leaderUrl;
    }

    /** Whether this server may act as leader now. */
    public boolean leading() {
        synchronized (lock) {
            return memory.leadingAt(nanos.getAsLong());
        }
    }

    /** Whether this server may act as leader of {@code term} now. */
    public boolean leading(long term) {
        synchronized (lock) {
            return memory.term() == term && memory.leadingAt(nanos.getAsLong());
        }
    }

    private void round() {
        if (closed) {
            return;
        }
        long started = nanos.getAsLong();
        Lease row;
        try {
            row = store.read();
            leaderUrl = row.advertise();
        } catch (RuntimeException e) {
            log.warn("cannot read the leader lease: {}", e.toString());
            row = null;
        }
        Step step;
        synchronized (lock) {
            step = LeaseDecision.decide(row, memory, id, started, lease);
            if (step instanceof Follow f) {
                memory = f.memory();
            }
        }
        try {
            switch (step) {
                case Acquire a -> acquire(a.seen(), started);
                case Renew r -> renew(r.term(), row, started);
                case StepDown d -> stepDown(d.term(), d.reason());
                case Follow f -> { }
            }
        } catch (RuntimeException e) {
            log.warn("leader lease {} failed: {}", step.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), e.toString());
        }
    }

    private void acquire(Lease seen, long started) {
        var won = store.acquire(seen, id, advertise);
        if (won.isEmpty()) {
            return;
        }
        long term = won.get().term();
        synchronized (lock) {
            memory = LeaseDecision.held(term, won.get().version(), started, lease);
        }
        leaderUrl = advertise;
        log.info("leading the cluster at term {} (lease {} ms)", term, lease.toMillis());
        transitions.execute(() -> {
            try {
                listener.elected(term);
            } catch (Exception e) {
                log.error("could not start leading at term {}; giving the lease up", term, e);
                stepDown(term, "could not start: " + e);
                try {
                    store.release(id, term);
                } catch (RuntimeException r) {
                    log.warn("could not release the leader lease: {}", r.toString());
                }
            }
        });
    }

    private void renew(long term, Lease row, long started) {
        if (store.renew(id, term)) {
            synchronized (lock) {
                if (memory.term() == term) {
                    memory = LeaseDecision.held(term, row.version() + 1, started, lease);
                }
            }
        } else {
            stepDown(term, "the lease was taken over");
        }
    }

    private void watchdog() {
        long term;
        synchronized (lock) {
            if (!memory.leading() || memory.leadingAt(nanos.getAsLong())) {
                return;
            }
            term = memory.term();
        }
        stepDown(term, "could not renew the lease in time");
    }

    private void stepDown(long term, String reason) {
        synchronized (lock) {
            if (memory.term() != term) {
                return; // already done
            }
            memory = LeaseDecision.standingBy();
        }
        log.warn("no longer leading (term {}): {}", term, reason);
        transitions.execute(() -> listener.deposed(term, reason));
    }

    /** Stops; a leader gives its lease up so a standby takes over at once. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long term;
        synchronized (lock) {
            term = memory.term();
        }
        if (term > 0) {
            stepDown(term, "stopping");
        }
        transitions.shutdown();
        try {
            transitions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (term > 0) {
            try {
                store.release(id, term); // after the controller stopped: the next leader starts at once
            } catch (RuntimeException e) {
                log.warn("could not release the leader lease: {}", e.toString());
            }
        }
    }
}
