package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad clients over raw sockets against a running router and a real app instance: request
 * smuggling attempts, oversized and malformed heads, random garbage, slowloris. Each gets its
 * status or a closed connection, the app never sees a smuggled request, and a well-behaved
 * client running all the while gets nothing but 200s.
 */
class MalformedRequestsIT {
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);
    private static final int BODY_LIMIT = 64 * 1024;
    private static final String HOST = "Host: web.apps.localhost\r\n";
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\n" + HOST + "\r\n";

    private RouterFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RouterFixture router(RouterConfig config) throws InterruptedException {
        fixture = new RouterFixture(config);
        return fixture;
    }

    /** One bad request: what it is, its bytes, the status it must get. */
    private record Attempt(String what, String bytes, int status) {
    }

    /** Requests refused on their head: their path starts with /reject and the app must never see one. */
    private static List<Attempt> refusedOnTheirHead() {
        String chunkedSmuggle = Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n";
        List<Attempt> corpus = new ArrayList<>(List.of(
                new Attempt("CL.TE", "POST /reject HTTP/1.1\r\n" + HOST + "Content-Length: " + (5 + SMUGGLED.length())
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED, 400),
                new Attempt("TE.CL", "POST /reject HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n"
                        + "Content-Length: 4\r\n\r\n" + chunkedSmuggle, 400),
                new Attempt("CL.CL", "POST /reject HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\nContent-Length: "
                        + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED, 400),
                new Attempt("signed CL", "POST /reject HTTP/1.1\r\n" + HOST + "Content-Length: +0\r\n\r\n" + SMUGGLED, 400),
                new Attempt("oversized request line", "GET /reject/" + "a".repeat(9000) + " HTTP/1.1\r\n" + HOST + "\r\n",
                        414),
                new Attempt("oversized headers", "GET /reject HTTP/1.1\r\n" + HOST
                        + ("X-Filler: " + "b".repeat(1000) + "\r\n").repeat(40) + "\r\n", 431),
                new Attempt("Content-Length over the body limit", "POST /reject HTTP/1.1\r\n" + HOST
                        + "Content-Length: " + (BODY_LIMIT + 1) + "\r\n\r\n" + "c".repeat(BODY_LIMIT + 1), 413),
                new Attempt("no Host", "GET /reject HTTP/1.1\r\n\r\n", 400),
                new Attempt("two Hosts", "GET /reject HTTP/1.1\r\n" + HOST + "Host: other.apps.localhost\r\n\r\n", 400),
                new Attempt("Host with a space", "GET /reject HTTP/1.1\r\nHost: web apps.localhost\r\n\r\n", 400),
                new Attempt("absolute URL for another host",
                        "GET http://other.apps.localhost/reject HTTP/1.1\r\n" + HOST + "\r\n", 400),
                new Attempt("NUL in a header", "GET /reject HTTP/1.1\r\n" + HOST + "X-A: a\u0000b\r\n\r\n", 400),
                new Attempt("header injection by bare LF",
                        "GET /reject HTTP/1.1\r\n" + HOST + "X-A: a\nTransfer-Encoding: chunked\r\n\r\n", 400),
                new Attempt("space in a header name", "GET /reject HTTP/1.1\r\n" + HOST + "X A: 1\r\n\r\n", 400),
                new Attempt("HTTP/2.0", "GET /reject HTTP/2.0\r\n" + HOST + "\r\n", 505),
                new Attempt("request line garbage", "GET /reject HTTP/1.1 trailing words\r\n" + HOST + "\r\n", 400)));
        // TE.TE: one of two parsers is made to ignore an obfuscated Transfer-Encoding, with a
        // Content-Length for the other to go by, or with none.
        List<String> obfuscated = List.of("Transfer-Encoding: xchunked", "Transfer-Encoding : chunked",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: x", "X: X\nTransfer-Encoding: chunked",
                "Transfer-Encoding\n : chunked", "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding: identity, chunked", " Transfer-Encoding: chunked", "Transfer-Encoding:\r\n chunked",
                "Transfer-Encoding: \u000bchunked", "Transfer-encoding: cow", "Transfer-Encoding: \"chunked\"",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked");
        for (String te : obfuscated) {
            String what = "TE.TE [" + te.replace("\r", "\\r").replace("\n", "\\n") + "]";
            corpus.add(new Attempt(what + " with CL", "POST /reject HTTP/1.1\r\n" + HOST + te
                    + "\r\nContent-Length: 4\r\n\r\n" + chunkedSmuggle, 400));
            corpus.add(new Attempt(what, "POST /reject HTTP/1.1\r\n" + HOST + te + "\r\n\r\n" + chunkedSmuggle, 400));
        }
        corpus.add(new Attempt("TE.TE [tab before chunked] with CL", "POST /reject HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding:\tchunked\r\nContent-Length: 4\r\n\r\n" + chunkedSmuggle, 400));
        return corpus;
    }

    /** Requests whose head is fine and whose chunked body is not: the head may reach the app, the rest never. */
    private static List<Attempt> refusedMidBody() {
        String head = "POST /bad-chunks HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n";
        return List.of(
                new Attempt("chunk size not hex", head + "zz\r\n" + SMUGGLED + "\r\n0\r\n\r\n", 400),
                new Attempt("chunk size overflowing", head + "ffffffffffffffffff\r\n" + SMUGGLED + "\r\n0\r\n\r\n", 400),
                new Attempt("chunk longer than its size", head + "3\r\n" + SMUGGLED + "\r\n0\r\n\r\n", 400),
                new Attempt("chunk size line ending in bare LF", head + "5\nhello\r\n0\r\n\r\n" + SMUGGLED, 400),
                new Attempt("chunked body over the limit",
                        head + ("1000\r\n" + "d".repeat(4096) + "\r\n").repeat(BODY_LIMIT / 4096 + 1) + "0\r\n\r\n", 413));
    }

    @Test
    void badClientsAreRefusedOneByOneWhileAGoodClientGetsOnly200s() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withRequestHeadTimeout(HEAD_TIMEOUT)
                .withMaxRequestBodySize(BODY_LIMIT));
        TestBackend app = f.add(new TestBackend("w1"));
        f.route("web", app.backend());
        int port = f.router.port();

        ExecutorService clients = f.add(new Closing(Executors.newVirtualThreadPerTaskExecutor())).executor;
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> goodStatuses = new ConcurrentHashMap<>();
        CompletableFuture<Void> good = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                int status;
                try {
                    status = f.get("web").statusCode();
                } catch (IOException | InterruptedException e) {
                    status = -1;
                }
                goodStatuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            }
        }, clients);
        List<CompletableFuture<Answer>> slowlorises = new ArrayList<>();
        List<CompletableFuture<Answer>> silent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slowlorises.add(CompletableFuture.supplyAsync(() -> slowloris(port), clients));
            silent.add(CompletableFuture.supplyAsync(() -> exchange(port, ""), clients));
        }

        for (Attempt a : refusedOnTheirHead()) {
            Answer answer = exchange(port, a.bytes());
            assertThat(answer.status()).as("%s: %s", a.what(), answer.head()).isEqualTo(a.status());
            assertThat(answer.head()).as(a.what()).containsIgnoringCase("connection: close");
            assertThat(answer.closed()).as("%s closes the connection", a.what()).isTrue();
        }
        for (Attempt a : refusedMidBody()) {
            Answer answer = exchange(port, a.bytes());
            assertThat(answer.status()).as("%s: %s", a.what(), answer.head()).isEqualTo(a.status());
            assertThat(answer.closed()).as("%s closes the connection", a.what()).isTrue();
        }
        Random random = new Random(20240607);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4000)];
            random.nextBytes(garbage);
            Answer answer = exchange(port, new String(garbage, StandardCharsets.ISO_8859_1) + "\r\n\r\n");
            assertThat(answer.status()).as("garbage #%d: %s", i, answer.head()).isIn(0, 400, 408, 414, 431, 505);
            assertThat(answer.closed()).as("garbage #%d closes the connection", i).isTrue();
        }
        for (CompletableFuture<Answer> s : slowlorises) {
            Answer answer = s.get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.head()).isEqualTo(408);
            assertThat(answer.closed()).isTrue();
        }
        for (CompletableFuture<Answer> s : silent) {
            assertThat(s.get(60, TimeUnit.SECONDS)).as("closed without a word").isEqualTo(new Answer(0, "", true));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> goodStatuses.values().stream()
                .mapToInt(AtomicInteger::get).sum() >= 100);
        stop.set(true);
        good.get(60, TimeUnit.SECONDS);

        assertThat(goodStatuses.keySet()).as("good client statuses %s", goodStatuses).containsExactly(200);
        assertThat(app.requests).as("the app never saw a smuggled request nor one refused on its head")
                .noneMatch(r -> r.contains("smuggled") || r.contains("/reject"));
        assertThat(app.requests).contains("GET /");
    }

    @Test
    void backendSilentPastTheResponseTimeoutGets504() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withResponseTimeout(Duration.ofMillis(500)));
        TestBackend app = f.add(new TestBackend("w1"));
        f.route("web", app.backend());

        HttpResponse<String> r = f.client.send(f.request("web", "/slow").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("did not answer in time");
    }

    @Test
    void backendAtItsConnectionLimitGets503UntilAConnectionFrees() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withMaxConnectionsPerBackend(2));
        TestBackend app = f.add(new TestBackend("w1"));
        f.route("web", app.backend());
        String hostPort = app.backend().hostPort();

        List<CompletableFuture<HttpResponse<String>>> slow = List.of(
                f.client.sendAsync(f.request("web", "/slow").build(), HttpResponse.BodyHandlers.ofString()),
                f.client.sendAsync(f.request("web", "/slow").build(), HttpResponse.BodyHandlers.ofString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.router.connector().connectionsInUse(hostPort) == 2);

        HttpResponse<String> refused = f.get("web");
        app.releaseSlow();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("as many connections as the router allows");
        for (CompletableFuture<HttpResponse<String>> s : slow) {
            assertThat(s.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(f.get("web").statusCode()).as("freed connections serve again").isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> f.router.connector().connectionsInUse(hostPort) == 0);
    }

    /** Shuts the clients' threads down with the fixture, even when an assertion failed. */
    private record Closing(ExecutorService executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    /** What the router did with a raw request: the status (0: none) and head of its answer, and whether it closed. */
    private record Answer(int status, String head, boolean closed) {
    }

    private static Answer exchange(int port, String request) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException e) {
                // The router may refuse and close before taking the whole request; its answer is still to be read.
            }
            return readAnswer(s.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request head one byte per second, as a slowloris client does, until the router answers. */
    private static Answer slowloris(int port) {
        byte[] head = ("GET /slowloris HTTP/1.1\r\n" + HOST + "X-Trickle: " + "e".repeat(100) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            AtomicBoolean answered = new AtomicBoolean();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < head.length && !answered.get(); i++) {
                        s.getOutputStream().write(head[i]);
                        Thread.sleep(1000); // the attack's pace, not a wait for the router
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the router
                }
            });
            Answer answer = readAnswer(s.getInputStream());
            answered.set(true);
            trickle.interrupt();
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one response (head and sized body), then whether the connection ends. */
    private static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketException e) {
            // reset
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Answer(0, text, ended(in));
        }
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return new Answer(Integer.parseInt(text.substring(9, 12)), text, ended(in));
    }

    private static boolean ended(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }
}
