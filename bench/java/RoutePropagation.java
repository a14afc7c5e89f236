// Route propagation, server publish -> every router applied (issue 5), run by bench/propagation.sh:
//   java -cp dinp.jar bench/java/RoutePropagation.java REDIS_URI APPS WARMUP CHANGES INTERVAL_MS ADMIN_PORT...
// Publishes through the server's own RedisRoutePublisher (the same SET-snapshot + PUBLISH-change script
// the controller uses) a table of APPS apps with 3 backends each, then WARMUP and CHANGES changes, one app's
// backends each, INTERVAL_MS apart. Every router records each change's lag (the change carries the moment
// of publish) in its dinp_router_route_propagation_seconds histogram; the warm-up is subtracted by
// scraping the histograms before and after the measured changes.
// Baseline in the same run: a bare Lettuce subscriber in this process on the same channel, timing the same
// messages without decoding or applying them: what Redis pub/sub alone costs here. "changes" counts the messages:
// the publisher, like the server's, coalesces tables handed to it faster than Redis takes them.
import io.dinp.common.Micros;
import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.dinp.routebus.LagRecorder;
import io.dinp.routebus.RedisRouteKeys;
import io.dinp.routebus.RedisRoutePublisher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RoutePropagation {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern BUCKET = Pattern.compile("(?m)^dinp_router_route_propagation_seconds_bucket\\{le=\"([^\"]+)\"} ([0-9.eE+]+)$");
    static final Pattern VERSION = Pattern.compile("(?m)^dinp_router_route_version ([0-9.eE+]+)$");
    static final Pattern PUBLISHED = Pattern.compile("\"publishedMicros\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String redis = args[0];
        int apps = Integer.parseInt(args[1]), warmup = Integer.parseInt(args[2]), changes = Integer.parseInt(args[3]);
        long interval = Long.parseLong(args[4]);
        List<Integer> admins = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            admins.add(Integer.parseInt(args[i]));
        }
        LagRecorder floor = new LagRecorder();
        boolean[] measuring = {false};
        RedisClient client = RedisClient.create(redis);
        var sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                long now = Micros.now();
                Matcher m = PUBLISHED.matcher(message);
                if (measuring[0] && m.find()) {
                    floor.record(now - Long.parseLong(m.group(1)));
                }
            }
        });
        sub.sync().subscribe(RedisRouteKeys.DEFAULT.changes());

        Map<String, List<Backend>> table = new TreeMap<>();
        for (int a = 0; a < apps; a++) {
            List<Backend> bs = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                bs.add(new Backend("app" + a + "-" + b, "10.0." + (a % 250) + "." + b, 30000 + b));
            }
            table.put("app" + a, bs);
        }
        long version = 1;
        try (RedisRoutePublisher publisher = new RedisRoutePublisher(redis)) {
            publisher.publish(new RouteTable(version, table));
            awaitVersion(admins, version);
            for (int i = 0; i < warmup; i++) {
                version = change(publisher, table, version, i);
                Thread.sleep(interval);
            }
            awaitVersion(admins, version);
            List<Map<Double, Double>> before = new ArrayList<>();
            for (int port : admins) {
                before.add(buckets(port));
            }
            measuring[0] = true;
            for (int i = 0; i < changes; i++) {
                version = change(publisher, table, version, warmup + i);
                Thread.sleep(interval);
            }
            awaitVersion(admins, version);
            Thread.sleep(200); // the floor subscriber's last messages
            measuring[0] = false;
            double overAll = 0;
            for (int r = 0; r < admins.size(); r++) {
                Map<Double, Double> earlier = before.get(r);
                Map<Double, Double> delta = new LinkedHashMap<>();
                buckets(admins.get(r)).forEach((le, n) -> delta.put(le, n - earlier.getOrDefault(le, 0.0)));
                double total = delta.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
                double within20 = delta.getOrDefault(0.02, 0.0);
                overAll += total - within20;
                System.out.printf("  router %d: changes %.0f   p50 <= %s   p99 <= %s   over 20 ms: %.0f (%.2f%%)%n", r + 1,
                        total, bound(delta, total, 0.50), bound(delta, total, 0.99), total - within20,
                        100 * (total - within20) / Math.max(1, total));
            }
            System.out.printf("  all %d routers: changes over 20 ms at any router <= %.0f of %d (%.2f%%): p99 over all routers %s 20 ms%n",
                    admins.size(), overAll, changes, 100 * overAll / changes, overAll <= 0.01 * changes ? "<=" : ">");
            LagRecorder.Summary f = floor.summary();
            System.out.printf("  baseline, bare Redis subscriber in the publishing process: changes %d   p50 %.2f ms   p99 %.2f ms   max %.2f ms%n",
                    f.count(), f.p50Micros() / 1000.0, f.p99Micros() / 1000.0, f.maxMicros() / 1000.0);
        } finally {
            sub.close();
            client.shutdown();
        }
    }

    /** Moves one of an app's backends to another port: a change like an instance being replaced. */
    static long change(RedisRoutePublisher publisher, Map<String, List<Backend>> table, long version, int i) {
        String app = "app" + (i % table.size());
        List<Backend> bs = new ArrayList<>(table.get(app));
        Backend old = bs.get(i % bs.size());
        bs.set(i % bs.size(), new Backend(old.instanceId() + "x", old.host(), 30000 + (i % 20000)));
        table.put(app, bs);
        publisher.publish(new RouteTable(version + 1, table));
        return version + 1;
    }

    /** The smallest bucket bound holding the q-th change, as text ("5 ms"). */
    static String bound(Map<Double, Double> cumulative, double total, double q) {
        double rank = Math.ceil(q * total);
        for (var e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                return e.getKey().isInfinite() ? "inf" : String.format("%.2f ms", e.getKey() * 1000);
            }
        }
        return "?";
    }

    static Map<Double, Double> buckets(int adminPort) throws Exception {
        Map<Double, Double> out = new TreeMap<>();
        Matcher m = BUCKET.matcher(scrape(adminPort));
        while (m.find()) {
            out.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(2)));
        }
        return out;
    }

    static String scrape(int adminPort) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void awaitVersion(List<Integer> admins, long version) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int port : admins) {
            while (true) {
                Matcher m = VERSION.matcher(scrape(port));
                if (m.find() && (long) Double.parseDouble(m.group(1)) >= version) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("router with admin port " + port + " never reached version " + version);
                }
                Thread.sleep(20);
            }
        }
    }
}
