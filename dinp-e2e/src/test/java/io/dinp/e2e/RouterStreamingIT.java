package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RedisRoutePublisher;
import io.dinp.testkit.RedisServerProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 1 GiB up and 1 GiB down through a `dinp router` process whose heap is capped at 64 MB (and
 * direct memory at 64 MB): bodies stream with backpressure, nothing sits in router memory. The
 * router's peak RSS is printed (VmHWM) and must stay far below the body size.
 */
class RouterStreamingIT {
    static final long SIZE = 1L << 30;
    static final int CHUNK = 64 * 1024;

    /** Deterministic bytes: chunk i is filled with (i mod 251). */
    static byte[] chunk(long i) {
        byte[] b = new byte[CHUNK];
        java.util.Arrays.fill(b, (byte) (i % 251));
        return b;
    }

    static String expectedSha() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (long i = 0; i < SIZE / CHUNK; i++) {
            md.update(chunk(i));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static HttpServer backend() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            try {
                if (ex.getRequestMethod().equals("POST")) {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    long n = 0;
                    try (InputStream in = ex.getRequestBody()) {
                        byte[] buf = new byte[CHUNK];
                        for (int r; (r = in.read(buf)) > 0; ) {
                            md.update(buf, 0, r);
                            n += r;
                        }
                    }
                    byte[] answer = (n + " " + HexFormat.of().formatHex(md.digest())).getBytes();
                    ex.sendResponseHeaders(200, answer.length);
                    ex.getResponseBody().write(answer);
                } else {
                    ex.sendResponseHeaders(200, SIZE);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (long i = 0; i < SIZE / CHUNK; i++) {
                            out.write(chunk(i));
                        }
                    }
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } finally {
                ex.close();
            }
        });
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        s.start();
        return s;
    }

    static long peakRssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", "" + pid, "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    @Test
    void aGibibyteStreamsUpAndDownThroughARouterWithA64MbHeap() throws Exception {
        String sha = expectedSha();
        HttpServer backend = backend();
        int port = Ports.free();
        DinpProcess router = null;
        try (RedisServerProcess redis = new RedisServerProcess()) {
            redis.start();
            router = new DinpProcess("router-stream", Map.of(), "router", "--redis", redis.uri(), "--port", "" + port)
                    .withHeap("64m", "-XX:MaxDirectMemorySize=64m").start();
            Cluster.awaitHealthy(router, port);
            try (RedisRoutePublisher publisher = new RedisRoutePublisher(redis.uri())) {
                publisher.publish(new RouteTable(1, Map.of("big", List.of(
                        new Backend("big-1", "127.0.0.1", backend.getAddress().getPort())))));
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest.Builder base = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .header("Host", "big.apps.localhost");
                await().atMost(Duration.ofSeconds(30)).until(() -> http.send(base.copy().method("HEAD",
                        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

                // down
                HttpResponse<InputStream> down = http.send(base.copy().GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(down.statusCode()).isEqualTo(200);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (InputStream in = down.body()) {
                    byte[] buf = new byte[CHUNK];
                    for (int r; (r = in.read(buf)) > 0; ) {
                        md.update(buf, 0, r);
                        n += r;
                    }
                }
                assertThat(n).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(sha);

                // up, chunked (no length known in advance)
                HttpResponse<String> up = http.send(base.copy().POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new InputStream() {
                            long i;
                            byte[] cur = new byte[0];
                            int pos;

                            @Override
                            public int read() {
                                byte[] one = new byte[1];
                                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                            }

                            @Override
                            public int read(byte[] b, int off, int len) {
                                if (pos == cur.length) {
                                    if (i == SIZE / CHUNK) {
                                        return -1;
                                    }
                                    cur = chunk(i++);
                                    pos = 0;
                                }
                                int k = Math.min(len, cur.length - pos);
                                System.arraycopy(cur, pos, b, off, k);
                                pos += k;
                                return k;
                            }
                        })).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).isEqualTo(SIZE + " " + sha);

                long peak = peakRssMb(router.pid());
                System.out.println("router peak RSS while streaming 1 GiB up and down: " + peak + " MB");
                assertThat(router.alive()).isTrue();
                assertThat(peak).as("router peak RSS (MB)").isLessThan(400);
            }
        } finally {
            if (router != null) {
                router.stop();
            }
            backend.stop(0);
        }
    }
}
