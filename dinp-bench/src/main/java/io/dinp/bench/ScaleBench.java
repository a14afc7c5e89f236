package io.dinp.bench;

import io.dinp.common.PemTrust;
import io.dinp.core.ClusterSnapshot;
import io.dinp.core.Plan;
import io.dinp.core.ReconcileSettings;
import io.dinp.core.Reconciler;
import io.dinp.core.RouteComputer;
import io.dinp.model.AppSpec;
import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisRouteKeys;
import io.dinp.routebus.RedisRoutePublisher;
import io.dinp.routebus.RoutePublisher;
import io.dinp.server.BenchAccess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/scale: scheduling and reconciliation of the real server at scale, with simulated nodes
 * (issue 9). Arguments: NODES APPS INSTANCES_PER_APP PASSES. A Redis for the publication figure
 * comes from DINP_TEST_REDIS_URI (and _PASSWORD_FILE, _CA_CERT), as for the integration tests.
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = arg(args, 0, 10_000);
        int apps = arg(args, 1, 10_000);
        int perApp = arg(args, 2, 10);
        int passes = arg(args, 3, 10);
        ScaleHarness.Config config = new ScaleHarness.Config(nodes, apps, perApp, 16_384, 128);
        long total = config.instances();
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        System.out.printf("== scale: %,d simulated nodes (%,d MB each), %,d apps x %d = %,d instances of %d MB%n",
                nodes, config.nodeMemoryMb(), apps, perApp, total, config.appMemoryMb());
        System.out.printf("   in one JVM (max heap %,d MiB, %d CPUs): the real ClusterState, Controller and ControllerService;%n"
                + "   agents and the health monitor are simulated and call ControllerService as the control API does%n",
                maxHeap >> 20, Runtime.getRuntime().availableProcessors());

        String redisUri = System.getenv("DINP_TEST_REDIS_URI");
        RedisEndpoint endpoint = redisUri == null || redisUri.isBlank() ? null : endpoint(redisUri.trim());
        RedisRouteKeys keys = RedisRouteKeys.withPrefix("dinp-bench:" + ProcessHandle.current().pid() + ":routes");
        CountingPublisher counting = new CountingPublisher(endpoint == null ? null : new RedisRoutePublisher(endpoint, keys));

        try (ScaleHarness h = new ScaleHarness(config, counting)) {
            long t0 = System.nanoTime();
            h.joinNodes();
            long joined = System.nanoTime() - t0;
            System.out.printf("  nodes joined (one report each, sequential)   %,9.1f ms  (%,.0f reports/s)%n",
                    ms(joined), nodes / (joined / 1e9));

            List<AppSpec> desired = h.apps();
            Map<String, AppSpec> byName = new HashMap<>();
            desired.forEach(app -> byName.put(app.name(), app));
            Reconciler reconciler = new Reconciler(ReconcileSettings.DEFAULTS);
            // Placement alone, as a baseline for the end-to-end figure: the pure plan over every node, no instance yet.
            // Run first, it also warms the JIT up for the plan, as a server that has run for a while is.
            ClusterSnapshot empty = BenchAccess.snapshot(h.state(), byName, Instant.now());
            long[] pure = new long[3];
            AtomicLong ids = new AtomicLong();
            for (int i = 0; i < pure.length; i++) {
                long a = System.nanoTime();
                Plan p = reconciler.plan(empty, Instant.now(), () -> Long.toString(ids.incrementAndGet(), 36));
                pure[i] = System.nanoTime() - a;
                if (p.place().size() != total) {
                    throw new IllegalStateException("the pure plan placed " + p.place().size());
                }
            }
            empty = null;
            System.out.printf("  baseline: the pure plan alone (Reconciler.plan, every node, no instance -> %,d placements)  %,9.1f ms  (%,.0f placements/s; p50 of %d)%n",
                    total, p50(pure), total / (p50(pure) / 1e3), pure.length);

            long cpu0 = processCpu();
            long start = System.nanoTime();
            h.setDesired(desired);
            if (!ScaleHarness.await(() -> h.assigned() == total, Duration.ofMinutes(30))) {
                throw new IllegalStateException("not all instances placed: " + h.assigned() + " of " + total);
            }
            long placeNanos = h.lastAssignedNanos() - start;
            System.out.printf("placements/s %.0f%n", total / (placeNanos / 1e9));
            double cpuSeconds = (processCpu() - cpu0) / 1e9;
            System.out.printf("  desired set -> all %,d instances in the agents' assignments  %,9.1f ms  (goal >= 50,000/s)%n",
                    total, ms(placeNanos));
            System.out.printf("    CPU used by the whole JVM meanwhile %,.2f s: %,.0f placements per CPU-second "
                    + "(steadier than wall time on a shared machine)%n", cpuSeconds, total / cpuSeconds);
            if (!ScaleHarness.await(() -> h.running() == total, Duration.ofMinutes(30))) {
                throw new IllegalStateException("not all instances acknowledged: " + h.running() + " of " + total);
            }
            System.out.printf("  desired set -> every agent reported its instances running  %,9.1f ms%n",
                    ms(System.nanoTime() - start));
            int checked = h.checkAll();
            if (!ScaleHarness.await(() -> h.routed() == total, Duration.ofMinutes(30))) {
                throw new IllegalStateException("not all instances routed: " + h.routed() + " of " + total
                        + " (" + checked + " checked)");
            }
            System.out.printf("  desired set -> all healthy and in the published route table  %,9.1f ms  (%d tables published)%n",
                    ms(System.nanoTime() - start), counting.count.get());

            h.stopLoop();
            long[] pass = new long[passes];
            long[] passCpu = new long[passes];
            var threads = ManagementFactory.getThreadMXBean();
            long[] snap = new long[passes];
            long[] plan = new long[passes];
            long[] route = new long[passes];
            int placedInPasses = 0;
            for (int i = 0; i < passes; i++) {
                long c = threads.getCurrentThreadCpuTime();
                long a = System.nanoTime();
                BenchAccess.pass(h.controller());
                pass[i] = System.nanoTime() - a;
                passCpu[i] = threads.getCurrentThreadCpuTime() - c;
                Instant now = Instant.now();
                a = System.nanoTime();
                ClusterSnapshot s = BenchAccess.snapshot(h.state(), byName, now);
                snap[i] = System.nanoTime() - a;
                a = System.nanoTime();
                Plan p = reconciler.plan(s, now, () -> "x");
                plan[i] = System.nanoTime() - a;
                placedInPasses += p.place().size() + p.stop().size() + p.drain().size();
                a = System.nanoTime();
                RouteComputer.compute(s, 1);
                route[i] = System.nanoTime() - a;
            }
            System.out.printf("  full reconcile pass, converged (p50 / max of %d)  %,9.1f / %,.1f ms  (goal <= 1,000 ms; CPU p50 %,.1f ms)%n",
                    passes, p50(pass), max(pass), p50(passCpu));
            System.out.printf("    its parts: snapshot %,.1f ms, plan %,.1f ms, route table build %,.1f ms (p50; %d changes planned)%n",
                    p50(snap), p50(plan), p50(route), placedInPasses);
            System.out.printf("  route table build (RouteComputer, %,d backends)  %,9.1f / %,.1f ms  (p50 / max)%n",
                    h.routed(), p50(route), max(route));

            if (endpoint != null) {
                publication(endpoint, keys, h.routes());
            } else {
                System.out.println("  route publication to Redis: skipped (set DINP_TEST_REDIS_URI, e.g. source /tmp/itenv.sh)");
            }

            long withAgents = heapAfterGc();
            h.stopAgents();
            long serverOnly = heapAfterGc();
            System.out.printf("  heap used after GC: %,d MiB with the simulated agents, %,d MiB server state alone  (max heap %,d MiB; goal <= 1,024 MiB)%n",
                    withAgents >> 20, serverOnly >> 20, maxHeap >> 20);
        } finally {
            counting.close();
        }
        System.out.println("  cited, not measured here: Nomad's C1M placed 3,750/s across a whole cluster; "
                + "kube-scheduler's CI threshold is 400 pods/s");
    }

    /** Publication of the whole table to Redis through a new publisher, then of a change of one app. */
    private static void publication(RedisEndpoint endpoint, RedisRouteKeys keys, RouteTable table) throws Exception {
        RedisRouteKeys mine = RedisRouteKeys.withPrefix(keys.snapshot().replace(":snapshot", ":publication"));
        try (RedisRoutePublisher p = new RedisRoutePublisher(endpoint, mine)) {
            long bytes = io.dinp.common.Json.write(table).length();
            long a = System.nanoTime();
            p.publish(table);
            if (!ScaleHarness.await(() -> p.publishedVersion() == table.version(), Duration.ofMinutes(2))) {
                throw new IllegalStateException("the table never reached Redis");
            }
            long whole = System.nanoTime() - a;
            Map<String, List<Backend>> apps = new HashMap<>(table.apps());
            String first = apps.keySet().stream().sorted().findFirst().orElseThrow();
            apps.put(first, apps.get(first).subList(0, Math.max(0, apps.get(first).size() - 1)));
            RouteTable next = new RouteTable(table.version() + 1, apps, table.domains(), table.certificates(), table.options());
            a = System.nanoTime();
            p.publish(next);
            if (!ScaleHarness.await(() -> p.publishedVersion() == next.version(), Duration.ofMinutes(2))) {
                throw new IllegalStateException("the change never reached Redis");
            }
            long change = System.nanoTime() - a;
            System.out.printf("  route publication to Redis (%s, %,d KiB of JSON): whole table %,.1f ms, then one app's change %,.1f ms%n",
                    endpoint, bytes >> 10, ms(whole), ms(change));
            // leave only a tiny table behind in a shared Redis
            RouteTable emptied = new RouteTable(next.version() + 1, Map.of());
            p.publish(emptied);
            ScaleHarness.await(() -> p.publishedVersion() == emptied.version(), Duration.ofMinutes(1));
        }
    }

    private static RedisEndpoint endpoint(String uri) throws Exception {
        RedisEndpoint e = RedisEndpoint.of(uri);
        String pw = System.getenv("DINP_TEST_REDIS_PASSWORD_FILE");
        if (pw != null && !pw.isBlank()) {
            e = e.withPassword(Files.readString(Path.of(pw.trim())).trim());
        }
        String ca = System.getenv("DINP_TEST_REDIS_CA_CERT");
        if (ca != null && !ca.isBlank()) {
            e = e.withTrust(PemTrust.read(Path.of(ca.trim()), "DINP_TEST_REDIS_CA_CERT"));
        }
        return e;
    }

    /** Counts the tables the controller publishes, and hands them on to Redis when there is one. */
    private static final class CountingPublisher implements RoutePublisher {
        final AtomicLong count = new AtomicLong();
        private final RedisRoutePublisher next;

        CountingPublisher(RedisRoutePublisher next) {
            this.next = next;
        }

        @Override
        public void publish(RouteTable table) {
            publish(table, io.dinp.common.Micros.now());
        }

        @Override
        public void publish(RouteTable table, long causeMicros) {
            count.incrementAndGet();
            if (next != null) {
                next.publish(table, causeMicros);
            }
        }

        @Override
        public void close() {
            if (next != null) {
                // leave only a tiny table behind in a shared Redis
                next.publish(new RouteTable(Long.MAX_VALUE, Map.of()));
                try {
                    ScaleHarness.await(() -> next.publishedVersion() == Long.MAX_VALUE, Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                next.close();
            }
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int arg(String[] args, int i, int dflt) {
        if (args.length <= i) {
            return dflt;
        }
        try {
            return Integer.parseInt(args[i].replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a number, was " + args[i]);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double p50(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return ms(s[(s.length - 1) / 2]);
    }

    private static double max(long[] nanos) {
        return ms(Arrays.stream(nanos).max().orElse(0));
    }
}
