package io.dinp.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a published port until it accepts a TCP connection or a deadline passes.
 * Polls are scheduled, not slept, so slow apps never hold the create threads.
 */
public final class ReadinessProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadinessProber.class);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final int CONNECT_TIMEOUT_MS = 250;

    private final ScheduledExecutorService scheduler;
    private final Duration deadline;

    public ReadinessProber(Duration deadline) {
        this.deadline = deadline;
        this.scheduler = Executors.newScheduledThreadPool(2, Threads.daemon("dinp-agent-probe"));
    }

    /**
     * Starts probing {@code host:port}; {@code done} gets null once it accepts, or why it gave up.
     *
     * @param wanted checked before each attempt; probing stops quietly once it is false
     */
    public void probe(String host, int port, BooleanSupplier wanted, Consumer<String> done) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        try {
            scheduler.execute(() -> attempt(host, port, giveUpAt, wanted, done));
        } catch (RejectedExecutionException e) {
            // closing: the agent is going away and no one will read the result
        }
    }

    private void attempt(String host, int port, long giveUpAt, BooleanSupplier wanted, Consumer<String> done) {
        if (!wanted.getAsBoolean()) {
            return;
        }
        if (accepts(host, port)) {
            done.accept(null);
        } else if (System.nanoTime() - giveUpAt > 0) {
            log.info("{}:{} did not accept connections within {}", host, port, deadline);
            done.accept("did not accept connections on " + host + ":" + port + " (container port 8080) within "
                    + deadline.toSeconds() + " s; does the app listen on $PORT?");
        } else {
            try {
                scheduler.schedule(() -> attempt(host, port, giveUpAt, wanted, done), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing, as above
            }
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
