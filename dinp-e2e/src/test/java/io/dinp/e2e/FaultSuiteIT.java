package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.MariaDbServerProcess;
import io.dinp.testkit.RedisServerProcess;
import io.dinp.testkit.TestCa;
import io.dinp.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's fault suite: a distributed cluster (two servers, two agents, a standalone hm, dash, a builder, two
 * routers) over a Redis and a MariaDB of its own, an app of two instances, and constant GET load
 * through both routers while each fault happens in turn. For every fault it records the failed
 * requests per router, the time until the app is whole and routed again, and whether an API
 * change acknowledged during the fault is in effect afterwards; it asserts only what must hold
 * (the change is not lost, the cluster converges, restarting a platform component replaces no
 * container) and writes the numbers to {@code target/fault-suite.md}, never asserting on them.
 * Restarting the machine's dockerd runs only with {@code -Ddinp.faults.dockerd=true} (or
 * {@code DINP_FAULTS_DOCKERD=true}): it stops every container of every other test too.
 */
class FaultSuiteIT {
    static final Duration RECOVERY = Duration.ofSeconds(90);
    static final String APP = "hello";
    static final String HOST = APP + ".apps.localhost";
    static final String REDIS_PASSWORD = "faults-" + java.util.UUID.randomUUID();
    static final int INSTANCES = 2;

    static TestCa ca;
    static RedisServerProcess redis;
    static MariaDbServerProcess maria;
    static Cluster cluster;
    static Api api;
    static DinpProcess router2;
    static int router2Port;
    static RouterClient second;
    /** The builder's API (plain HTTP on loopback), as the admin. */
    static Api builds;
    static final String BUILT = "built";

    /**
     * One fault: what it does, how the component comes back, whether the app's containers must all
     * survive it, and what else to check once the cluster is whole again (null: nothing).
     */
    record Fault(String name, Step inject, Step restore, Expect containers, Traffic traffic, Check after) {
        Fault(String name, Step inject, Step restore, Expect containers) {
            this(name, inject, restore, containers, Traffic.NO_FAILURE, null);
        }

        Fault(String name, Step inject, Step restore, Expect containers, Traffic traffic) {
            this(name, inject, restore, containers, traffic, null);
        }
    }

    /** A check after recovery: asserts what must hold and says what it saw, for the report. */
    interface Check {
        String run(SoftAssertions soft) throws Exception;
    }

    enum Traffic {
        /** Not one GET may fail through either router. */
        NO_FAILURE,
        /** Router 2 itself is down: requests to it fail at the client; none may fail through router 1. */
        ROUTER2_DOWN,
        /** Every instance is gone for a while: failures are measured, not asserted. */
        OUTAGE
    }

    enum Expect {
        /** A platform component failed: every container keeps running, none is replaced. */
        ALL_KEPT,
        /** One container was killed: the others are kept. */
        OTHERS_KEPT,
        /** Every container died with the Docker daemon: all are new. */
        ALL_NEW
    }

    interface Step {
        void run() throws Exception;
    }

    /** One line of the report. */
    record Row(String fault, SteadyLoad.Mark router1, SteadyLoad.Mark router2, double recoverySeconds,
            boolean ackedDuringFault, String change, boolean changeInEffect, String containers, List<String> samples,
            String note) {
    }

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        ca = TestCa.create("faults");
        Path passwordFile = ca.dir().resolve("redis-password");
        Files.writeString(passwordFile, REDIS_PASSWORD + "\n");
        // Redis and MariaDB of this test's own, set up as scripts/lib.sh sets up a cluster's (Redis:
        // TLS only, a password): the suite restarts them, which the shared ones must never see
        redis = RedisServerProcess.secured(ca.issue("redis", "IP:127.0.0.1"), ca.certificate(), REDIS_PASSWORD);
        redis.start();
        maria = new MariaDbServerProcess(ca.issue("mariadb", "IP:127.0.0.1")).start();
        List<String> redisOptions = List.of("--redis", redis.uri(), "--redis-ca-cert", ca.certificate().toString(),
                "--redis-password-file", passwordFile.toString());
        // an agent restarted within the node timeout keeps its containers; past it they are replaced
        // (PartitionIT). 30 s: a JVM's start on a machine busy with other tests can take 10.
        cluster = new Cluster().withServers(2).withHms(1).withNodeTimeout(30)
                .withStores(redisOptions, maria.url(), MariaDbServerProcess.USER, maria.password()).start();
        api = cluster.api;
        router2Port = Ports.free();
        router2 = cluster.startRouter("router2-" + cluster.run, router2Port);
        second = new RouterClient(router2Port);
        cluster.startBuilder();
        builds = new Api("http://127.0.0.1:" + cluster.builderPort, Files.readString(cluster.dataDir.resolve("admin-token")).trim());
        api.ok("POST", "/api/v1/apps", Map.of("name", BUILT, "instances", 1, "memory", 64));
        api.ok("POST", "/api/v1/apps", Map.of("name", APP, "image", TestImages.HELLO_V1, "instances", INSTANCES, "memory", 64));
        awaitWhole(List.of(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
            if (maria != null) {
                maria.close();
            }
        }
    }

    /** The index of the server that leads now, once one does. */
    static int leader() {
        int[] found = {-1};
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (int i = 0; i < cluster.servers.size(); i++) {
                if ("leader".equals(cluster.serverRole(i))) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Asked for, and dockerd is ./dinp's own process (not a systemd unit): see {@link DockerRestartIT#restartable}. */
    static boolean dockerdFaultWanted() {
        return (Boolean.getBoolean("dinp.faults.dockerd") || "true".equals(System.getenv("DINP_FAULTS_DOCKERD")))
                && DockerRestartIT.restartable();
    }

    /** The faults in turn. */
    static List<Fault> faults() throws Exception {
        boolean liveRestore = DockerRestartIT.liveRestore();
        List<Fault> f = new ArrayList<>();
        // two servers: the leader is killed; the standby takes over, then the killed one comes back as a standby
        int[] killed = {-1};
        f.add(new Fault("kill -9 leading server", () -> {
            killed[0] = leader();
            cluster.servers.get(killed[0]).kill();
        }, () -> {
            int other = 1 - killed[0];
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> "leader".equals(cluster.serverRole(other)));
            cluster.servers.get(killed[0]).start();
            cluster.awaitServer(killed[0]);
        }, Expect.ALL_KEPT));
        f.add(new Fault("kill -9 agent", () -> cluster.agents.get(cluster.node2).kill(),
                () -> cluster.agents.get(cluster.node2).start(), Expect.ALL_KEPT));
        f.add(new Fault("kill -9 router 2", () -> router2.kill(), () -> {
            router2.start();
            Cluster.awaitHealthy(router2, router2Port);
        }, Expect.ALL_KEPT, Traffic.ROUTER2_DOWN));
        f.add(new Fault("kill -9 hm", () -> cluster.hms.values().iterator().next().kill(),
                () -> cluster.hms.values().iterator().next().start(), Expect.ALL_KEPT));
        f.add(new Fault("kill -9 dash", () -> cluster.dash.kill(), () -> {
            cluster.dash.start();
            Cluster.awaitHealthy(cluster.dash, api.base(), cluster.apiTls);
        }, Expect.ALL_KEPT));
        // a build runs (a step that sleeps) when the builder is killed: once it is back, that build must
        // have ended (failed, not hanging in "running") and a new one must succeed
        String[] inFlight = {null};
        f.add(new Fault("kill -9 builder", () -> {
            inFlight[0] = submitBuild("1", "FROM " + TestImages.HELLO_V1 + "\nRUN sleep 60\n");
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> "running".equals(buildStatus(inFlight[0])));
            Thread.sleep(1000); // into the RUN step: not measured, only so the kill lands in the middle of the build
            cluster.builder.kill();
        }, () -> {
            cluster.builder.start();
            Cluster.awaitHealthy(cluster.builder, cluster.builderPort);
        }, Expect.ALL_KEPT, Traffic.NO_FAILURE, soft -> {
            JsonNode interrupted = builds.ok("GET", "/api/v1/builds/" + inFlight[0], null);
            soft.assertThat(interrupted.get("status").asText()).as("the build the kill interrupted ends failed").isEqualTo("failed");
            String failure = interrupted.path("failure").asText("").lines().findFirst().orElse("");
            String next = submitBuild("2", "FROM scratch\nCOPY index.html /index.html\n");
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> List.of("succeeded", "failed").contains(buildStatus(next)));
            String after = buildStatus(next);
            soft.assertThat(after).as("a build submitted after the restart").isEqualTo("succeeded");
            // the interrupted build's unpacked artifact: deleted by the restarted builder, not left behind
            Path work = cluster.dataDir.resolve("builder").resolve("builds");
            List<String> left;
            try (var children = Files.list(work)) {
                left = children.map(c -> c.getFileName().toString()).toList();
            }
            soft.assertThat(left).as("work directories left in " + work).isEmpty();
            return "the build in flight at the kill: " + interrupted.get("status").asText() + " (" + failure + ");"
                    + " a build submitted after the restart: " + after + "; work directories left: " + left.size();
        }));
        f.add(new Fault("restart Redis (empty)", () -> redis.kill(), () -> redis.start(), Expect.ALL_KEPT));
        f.add(new Fault("restart MariaDB", () -> maria.stop(), () -> maria.start(), Expect.ALL_KEPT));
        f.add(new Fault("docker kill instance", () -> Docker.run("kill", "dinp-" + instanceIds().iterator().next()),
                () -> { }, Expect.OTHERS_KEPT));
        if (dockerdFaultWanted()) {
            if (liveRestore) {
                // live-restore: the containers outlive the daemon and are kept; their published ports stay
                // open only without the userland proxy (docker-proxy stops with the daemon)
                // (without the proxy, ports are DNAT rules that outlive the daemon, and the routers wait out the
                // moment Docker rebuilds its chains: no GET may fail then)
                boolean proxy = DockerRestartIT.userlandProxy();
                String ports = proxy ? "userland proxy" : "no userland proxy";
                f.add(new Fault("restart dockerd (live-restore, " + ports + ")", DockerRestartIT::restartDockerd, () -> { },
                        Expect.ALL_KEPT, proxy ? Traffic.OUTAGE : Traffic.NO_FAILURE));
            } else {
                // every container dies with the daemon: until the agents have started new ones, nothing serves
                f.add(new Fault("restart dockerd", DockerRestartIT::restartDockerd, () -> { }, Expect.ALL_NEW, Traffic.OUTAGE));
            }
        }
        // -Ddinp.faults.only=dockerd,redis: only the faults whose names contain one of these words
        String only = System.getProperty("dinp.faults.only", "").trim();
        if (!only.isEmpty()) {
            List<String> words = List.of(only.split(","));
            f.removeIf(fault -> words.stream().noneMatch(w -> fault.name().contains(w.trim())));
        }
        return f;
    }

    @Test
    void theAppServesThroughEveryFaultAndNoAcknowledgedChangeIsLost() throws Exception {
        List<Row> rows = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        try (SteadyLoad load1 = new SteadyLoad("router 1", cluster.router, HOST, 2, 10);
                SteadyLoad load2 = new SteadyLoad("router 2", second, HOST, 2, 10)) {
            int k = 0;
            for (Fault fault : faults()) {
                k++;
                rows.add(inject(fault, "f" + k + ".faults.example", load1, load2, soft));
            }
        } finally {
            writeReport(rows);
        }
        soft.assertAll();
    }

    private Row inject(Fault fault, String domain, SteadyLoad load1, SteadyLoad load2, SoftAssertions soft) throws Exception {
        List<String> before = cluster.containers(APP);
        Set<String> idsBefore = instanceIds();
        load1.takeSamples();
        load2.takeSamples();
        SteadyLoad.Mark m1 = load1.mark();
        SteadyLoad.Mark m2 = load2.mark();
        long t0 = System.nanoTime();
        fault.inject().run();
        // an API change while the component is down: acknowledged now, or (the API itself down) once it is back
        boolean ackedDuring = addDomain(domain);
        fault.restore().run();
        java.time.Instant restoredAt = java.time.Instant.now();
        if (!ackedDuring) {
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> addDomain(domain));
        }
        // after an agent's restart, recovered means it reported again: until then the server only trusts its last report
        awaitWhole(List.of(domain), fault.name().contains("agent") ? restoredAt : null);
        double recovery = (System.nanoTime() - t0) / 1e9;
        SteadyLoad.Mark d1 = load1.mark().since(m1);
        SteadyLoad.Mark d2 = load2.mark().since(m2);
        List<String> samples = new ArrayList<>(load1.takeSamples());
        samples.addAll(load2.takeSamples());

        String containers;
        List<String> after = cluster.containers(APP);
        switch (fault.containers()) {
            case ALL_KEPT -> {
                // several reconcile passes after recovery: a late decision to replace would show here
                await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
                after = cluster.containers(APP);
                soft.assertThat(after).as(fault.name() + ": containers kept (no churn)").isEqualTo(before);
                containers = after.equals(before) ? "all kept" : "REPLACED: " + before + " -> " + after;
            }
            case OTHERS_KEPT -> {
                Set<String> survivors = new HashSet<>(before);
                survivors.retainAll(after);
                soft.assertThat(survivors).as(fault.name() + ": the other containers kept").hasSize(before.size() - 1);
                containers = survivors.size() + " kept, " + (after.size() - survivors.size()) + " new";
            }
            default -> {
                soft.assertThat(instanceIds()).as(fault.name() + ": all instances new").doesNotContainAnyElementsOf(idsBefore);
                containers = "all new";
            }
        }
        boolean inEffect = api.app(APP).get("domains").toString().contains(domain)
                && cluster.router.get(domain).ok() && second.get(domain).ok();
        soft.assertThat(inEffect).as(fault.name() + ": the domain added during the fault routes through both routers").isTrue();
        // requests to a port no router listens on fail at the client: trying another address (DNS, a
        // load balancer) is the client side's part; router 1 is what the platform keeps serving
        if (fault.traffic() == Traffic.NO_FAILURE) {
            soft.assertThat(d2.failed()).as(fault.name() + ": failed GETs through router 2 " + samples).isZero();
        }
        if (fault.traffic() != Traffic.OUTAGE) {
            soft.assertThat(d1.failed()).as(fault.name() + ": failed GETs through router 1 " + samples).isZero();
        }
        String note = fault.after() == null ? null : fault.after().run(soft);
        return new Row(fault.name(), d1, d2, recovery, ackedDuring, "add domain " + domain, inEffect, containers, samples, note);
    }

    /** Uploads a tar.gz of {@code dockerfile} (and an index.html) to the builder, stack dockerfile; the build's id. */
    static String submitBuild(String version, String dockerfile) throws Exception {
        byte[] artifact = io.dinp.testkit.Samples.tarGz(Map.of("Dockerfile", dockerfile, "index.html", "hi\n"));
        java.net.http.HttpResponse<String> r = builds.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        builds.base() + "/api/v1/apps/" + BUILT + "/builds?version=" + version + "&stack=dockerfile"))
                .header("Authorization", "Bearer " + Files.readString(cluster.dataDir.resolve("admin-token")).trim())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(artifact)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Api.JSON.readTree(r.body()).get("id").asText();
    }

    static String buildStatus(String id) {
        return builds.ok("GET", "/api/v1/builds/" + id, null).get("status").asText();
    }

    /** Adds the custom domain; true once the API acknowledged it (2xx), false when it could not answer. */
    static boolean addDomain(String domain) {
        try {
            Api.Reply r = api.send("POST", "/api/v1/apps/" + APP + "/domains", Map.of("domain", domain));
            return r.status() / 100 == 2;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Set<String> instanceIds() {
        Set<String> ids = new HashSet<>();
        api.instances(APP).forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    /**
     * Until every process runs, the app has all its instances running and ready, both routers
     * reach exactly those, and each of {@code domains} answers through both.
     */
    static void awaitWhole(List<String> domains, java.time.Instant reportedSince) {
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (DinpProcess p : cluster.processes) {
                assertThat(p.alive()).as(p.name() + " runs").isTrue();
            }
            for (JsonNode n : api.ok("GET", "/api/v1/nodes", null)) {
                assertThat(n.get("status").asText()).as(n.get("id").asText()).isNotEqualTo("down");
                if (reportedSince != null) {
                    assertThat(instant(n.get("lastSeen"))).as(n.get("id") + " reported since its restart").isAfter(reportedSince);
                }
            }
            JsonNode list = api.instances(APP);
            List<JsonNode> instances = StreamSupport.stream(list.spliterator(), false).toList();
            assertThat(instances).hasSize(INSTANCES).allMatch(i -> i.get("ready").asBoolean());
            assertThat(cluster.containers(APP)).hasSize(INSTANCES);
            Set<String> ids = new HashSet<>(instances.stream().map(i -> i.get("id").asText()).toList());
            for (RouterClient r : List.of(cluster.router, second)) {
                assertThat(seen(r, HOST, ids.size())).isEqualTo(ids);
                for (String d : domains) {
                    assertThat(r.get(d).ok()).as(d).isTrue();
                }
            }
        });
    }

    /** An instant as the API writes it: ISO-8601 text, or seconds since the epoch. */
    static java.time.Instant instant(JsonNode n) {
        if (n.isNumber()) {
            return java.time.Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        return java.time.Instant.parse(n.asText());
    }

    static Set<String> seen(RouterClient router, String host, int expected) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < expected * 20 && seen.size() < expected; i++) {
            RouterClient.Answer a = router.get(host);
            if (a.ok()) {
                seen.add(RouterClient.instanceOf(a));
            }
        }
        return seen;
    }

    static void writeReport(List<Row> rows) throws Exception {
        StringBuilder s = new StringBuilder("# Fault suite\n\n")
                .append("Constant GET load through two routers (2 workers each, 10 ms pause); app of ").append(INSTANCES)
                .append(" instances on two agents. Failed/total requests counted from the fault until recovery.\n")
                .append("Requests through a router that is itself killed fail at the client (no router answers on that port);")
                .append(" the other router's column is the one that counts for that row.\n\n")
                .append("| fault | router 1 failed/total | router 2 failed/total | recovery (s) | change acknowledged during fault |")
                .append(" change in effect after | containers |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append("| ").append(r.fault()).append(" | ").append(r.router1()).append(" | ").append(r.router2())
                    .append(r.fault().contains("router 2") ? " (the killed router)" : "")
                    .append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f", r.recoverySeconds()))
                    .append(" | ").append(r.ackedDuringFault() ? "yes" : "no (API down; after)")
                    .append(" | ").append(r.changeInEffect() ? "yes" : "NO").append(" | ").append(r.containers()).append(" |\n");
        }
        if (!dockerdFaultWanted()) {
            s.append("\n(restart dockerd skipped: set -Ddinp.faults.dockerd=true or DINP_FAULTS_DOCKERD=true, as ./dinp test does;"
                    + " needs dockerd to be ./dinp's own process)\n");
        }
        for (Row r : rows) {
            if (r.note() != null) {
                s.append("\n").append(r.fault()).append(": ").append(r.note()).append('\n');
            }
        }
        for (Row r : rows) {
            if (!r.samples().isEmpty()) {
                s.append("\nfailures during ").append(r.fault()).append(":\n");
                r.samples().forEach(x -> s.append("    ").append(x).append('\n'));
            }
        }
        System.out.println(s);
        Path out = Path.of("target", "fault-suite.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, s);
    }
}
