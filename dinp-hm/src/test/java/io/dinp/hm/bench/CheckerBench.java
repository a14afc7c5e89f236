package io.dinp.hm.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.dinp.hm.CheckLatencies;
import io.dinp.hm.HealthChecker;
import io.dinp.hm.HealthState;
import io.dinp.hm.Target;
import io.dinp.model.HealthSettings;
import io.netty.channel.epoll.Epoll;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many health checks a second one {@link HealthChecker} sustains, and what they cost: N
 * targets handed over as healthy, each with its own keep-alive connection to a canned
 * {@code 200 ok} server, checked every interval; after a warm-up (and once every target has its
 * connection) it counts completed checks, their latency and the process CPU. Run by {@code bench/hm.sh}; settings come from the
 * environment (see there).
 */
public final class CheckerBench {
    private static final int GOAL_PER_SECOND = 10_000;
    /** File descriptors the JVM itself and the server's listening socket need besides the connections. */
    private static final int SPARE_FDS = 256;

    private CheckerBench() {
    }

    public static void main(String[] args) throws Exception {
        int requested = env("BENCH_TARGETS", 20_000);
        int seconds = env("BENCH_SECONDS", 10);
        int warmup = env("BENCH_WARMUP_SECONDS", 3);
        int ioThreads = env("BENCH_IO_THREADS", 1);
        Duration interval = Duration.ofMillis(env("BENCH_INTERVAL_MS", (int) HealthSettings.DEFAULTS.interval().toMillis()));
        Duration timeout = Duration.ofMillis(env("BENCH_TIMEOUT_MS", (int) HealthSettings.DEFAULTS.timeout().toMillis()));
        String body = System.getenv().getOrDefault("BENCH_BODY", "ok");
        String external = System.getenv("BENCH_SERVER");
        long serverPid = env("BENCH_SERVER_PID", -1);

        HealthSettings settings = HealthSettings.DEFAULTS.withTiming(timeout, interval).withBodyContains(body);
        int n = fitToOpenFileLimit(requested, external == null ? 2 : 1);
        BenchServer local = external == null ? new BenchServer(portsFor(n)) : null;
        String host = external == null ? "127.0.0.1" : external.substring(0, external.lastIndexOf(':'));
        List<Integer> ports = external == null ? local.ports()
                : Arrays.stream(external.substring(external.lastIndexOf(':') + 1).split(",")).map(Integer::valueOf).toList();

        System.out.printf(Locale.ROOT, "targets %,d, interval %s, timeout %s, %s, %d event-loop thread(s), %s%n",
                n, HealthSettings.show(interval), HealthSettings.show(timeout),
                body.isEmpty() ? "status only" : "body must contain \"" + body + "\"", ioThreads,
                Epoll.isAvailable() ? "epoll" : "nio");
        System.out.printf("server: %s%n", external == null
                ? "in this JVM on its own event-loop threads (its CPU is in the process CPU below), " + ports.size() + " port(s)"
                : "separate process at " + external + (serverPid > 0 ? " (pid " + serverPid + ")" : ""));

        LongAdder transitions = new LongAdder();
        try (HealthChecker checker = new HealthChecker(Clock.systemUTC(), (id, t, now) -> transitions.increment(), ioThreads)) {
            Instant since = Instant.now().minusSeconds(60);
            HealthState healthy = new HealthState(HealthState.Phase.HEALTHY, 1, 0, since, since, null);
            List<Target> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                targets.add(new Target("i" + i, "bench", host, ports.get(i % ports.size()), settings, healthy));
            }
            long t0 = System.nanoTime();
            checker.update(targets);
            Thread.sleep(warmup * 1000L);
            settle(checker, n * 1e9 / interval.toNanos(), t0, serverPid);

            Sample start = Sample.take(checker, serverPid);
            Sample last = start;
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                Sample now = Sample.take(checker, serverPid);
                System.out.printf(Locale.ROOT, "  second %2d: %,8.0f checks/s, process CPU %.2f cores%n", s, now.rate(last),
                        (now.cpuNanos - last.cpuNanos) / (double) (now.nanos - last.nanos));
                last = now;
            }
            report(start, last, n, transitions.sum(), checker.states(), settings, external != null && serverPid > 0);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /**
     * Waits out the start: every target's first check opens its connection, a one-time storm, and
     * the checks it delayed then run as soon as they can. Measuring starts once both are over.
     */
    private static void settle(HealthChecker checker, double expectedRate, long t0, long serverPid)
            throws InterruptedException {
        long deadline = t0 + 120_000_000_000L;
        while (!allCheckedOnce(checker.states()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "every target checked once (its connection opened) %.1f s after the update%n",
                (System.nanoTime() - t0) / 1e9);
        Sample before = Sample.take(checker, serverPid);
        boolean steady = false;
        for (int i = 0; i < 30 && !steady; i++) {
            Thread.sleep(1000);
            Sample after = Sample.take(checker, serverPid);
            steady = Math.abs(after.rate(before) - expectedRate) < expectedRate * 0.05;
            before = after;
        }
        System.out.printf(Locale.ROOT, steady
                        ? "steady (checks/s within 5%% of targets / interval) %.1f s after the update%n"
                        : "NOT steady %.1f s after the update (checks/s not within 5%% of targets / interval:"
                                + " saturated?); measuring anyway%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private static void report(Sample start, Sample end, int n, long transitions, Map<String, HealthState> states,
                               HealthSettings settings, boolean serverCpu) {
        double rate = end.rate(start);
        double seconds = (end.nanos - start.nanos) / 1e9;
        long checks = end.checks - start.checks;
        double cores = (end.cpuNanos - start.cpuNanos) / 1e9 / seconds;
        CheckLatencies window = end.latencies.minus(start.latencies);
        long failedAny = states.values().stream().filter(s -> s.lastFailure() != null).count();
        System.out.println();
        System.out.printf(Locale.ROOT, "checks/s:        %,.0f over %.1f s (%,d checks) = %.2fx the goal of %,d/s%n",
                rate, seconds, checks, rate / GOAL_PER_SECOND, GOAL_PER_SECOND);
        System.out.printf(Locale.ROOT, "check latency:   p50 %s, p99 %s, max %s (bucket upper bounds, within 12.5%%)%n",
                ms(window.quantile(0.5)), ms(window.quantile(0.99)), ms(window.quantile(1)));
        System.out.printf(Locale.ROOT, "process CPU:     %.2f cores of %d, %.1f us CPU per check%n",
                cores, Runtime.getRuntime().availableProcessors(), (end.cpuNanos - start.cpuNanos) / 1e3 / checks);
        if (serverCpu) {
            System.out.printf(Locale.ROOT, "server CPU:      %.2f cores (separate process)%n",
                    (end.serverCpuNanos - start.serverCpuNanos) / 1e9 / seconds);
        }
        System.out.printf(Locale.ROOT, "health:          %,d of %,d healthy, %d transitions, %d targets failed a check since the start%s%n",
                states.values().stream().filter(HealthState::routable).count(), n, transitions, failedAny,
                failedAny == 0 ? "" : " (e.g. " + states.values().stream().filter(s -> s.lastFailure() != null)
                        .findFirst().map(HealthState::lastFailure).orElse("") + ")");
        System.out.println();
        System.out.println("time to detect a dead instance (interval x fall + timeout), for context:");
        System.out.println("  HAProxy defaults        3 x 2 s         ~ 6 s");
        System.out.println("  Kubernetes defaults     3 x 10 s        ~ 30 s");
        HealthSettings d = HealthSettings.DEFAULTS;
        System.out.printf("  DINP defaults           %d x %s + %s = %s; with fast re-checks a hung instance is out within %s,"
                        + " a refusing one within %s%n",
                d.fall(), HealthSettings.show(d.interval()), HealthSettings.show(d.timeout()),
                HealthSettings.show(d.detectionBound()),
                HealthSettings.show(d.interval().plus(d.timeout().multipliedBy(d.fall()))),
                HealthSettings.show(d.interval().plus(Duration.ofMillis(250).multipliedBy(d.fall() - 1))));
        System.out.printf("  this run's settings     %d x %s + %s = %s%n", settings.fall(),
                HealthSettings.show(settings.interval()), HealthSettings.show(settings.timeout()),
                HealthSettings.show(settings.detectionBound()));
    }

    /** Whether every target has completed a check since it was handed over (with 1 pass in a row). */
    private static boolean allCheckedOnce(Map<String, HealthState> states) {
        return states.values().stream().allMatch(s -> s.consecutivePasses() > 1 || s.consecutiveFails() > 0);
    }

    /** One port per 2,000 connections; see {@link BenchServer}. */
    public static int portsFor(int targets) {
        return Math.max(1, (targets + 1999) / 2000);
    }

    /** Fewer targets when the open-file limit cannot hold {@code fdsPerTarget} descriptors for each. */
    private static int fitToOpenFileLimit(int requested, int fdsPerTarget) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os)) {
            return requested;
        }
        long fit = (os.getMaxFileDescriptorCount() - SPARE_FDS) / fdsPerTarget;
        if (requested <= fit) {
            return requested;
        }
        System.out.printf(Locale.ROOT, "NOTE: open-file limit %,d holds %d descriptors each for only %,d targets, not %,d;"
                + " raise it (ulimit -n) for more%n", os.getMaxFileDescriptorCount(), fdsPerTarget, fit, requested);
        return (int) fit;
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }

    private static int env(String name, int dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : Integer.parseInt(v.trim());
    }

    /** Counters at one moment. */
    private record Sample(long nanos, long checks, long cpuNanos, long serverCpuNanos, CheckLatencies latencies) {
        static Sample take(HealthChecker checker, long serverPid) {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long server = serverPid <= 0 ? 0 : ProcessHandle.of(serverPid)
                    .flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
            return new Sample(System.nanoTime(), checker.checksCompleted(), os.getProcessCpuTime(), server,
                    checker.latencies());
        }

        double rate(Sample earlier) {
            return (checks - earlier.checks) * 1e9 / (nanos - earlier.nanos);
        }
    }
}
