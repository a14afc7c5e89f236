package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Samples;
import io.dinp.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CLI driven as a new user would, each command its own process, against {@code dinp up}:
 * log in, create, deploy a tarball, scale, follow the logs while a request comes in, change the
 * env, deploy again and roll back, delete. Then every listing's {@code --json}, and every error
 * path's exit code and message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final String HOST = "web.apps.localhost";
    static OneJvm up;
    static Cli cli;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        Samples.run(Samples.ROOT, "bash", "scripts/stacks.sh", "build", "static"); // dinp/busybox, for the Dockerfile below
        up = new OneJvm("cli", 2048).start();
        cli = new Cli();
        work = Files.createTempDirectory("dinp-cli-it-");
    }

    @AfterAll
    static void stop() throws Exception {
        if (up != null) {
            up.close();
        }
    }

    /** A site whose server logs every request: a Dockerfile over the stacks' busybox. */
    static Path site(String version) throws Exception {
        Path f = work.resolve("web-" + version + ".tar.gz");
        Files.write(f, Samples.tarGz(Map.of(
                "Dockerfile", "FROM dinp/busybox:latest\nCOPY index.html /www/index.html\n"
                        + "CMD [\"/bin/sh\", \"-c\", \"exec httpd -f -vv -p 0.0.0.0:$PORT -h /www\"]\n",
                "index.html", "site " + version + "\n")));
        return f;
    }

    static Cli.Result ok(Cli.Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    static List<JsonNode> instances(String app) {
        return StreamSupport.stream(ok(cli.run("ps", app, "--json")).json().spliterator(), false).toList();
    }

    static Set<String> ids(List<JsonNode> instances) {
        Set<String> ids = new HashSet<>();
        instances.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    static void awaitAnswer(String body) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (int i = 0; i < 6; i++) {
                RouterClient.Answer a = up.router.get(HOST);
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                assertThat(a.body()).isEqualTo(body + "\n");
            }
        });
    }

    @Test
    @Order(1)
    void aNewUserGoesFromLoginToDeleteWithTheCliAlone() throws Exception {
        Cli.Result login = ok(cli.input(up.token + "\n", "login", "--api", up.base() + "/api/v1", "--token", "-"));
        assertThat(login.out()).startsWith("Logged in to " + up.base());
        Path config = cli.configHome.resolve("dinp/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(login.out() + login.err()).doesNotContain(up.token);

        ok(cli.run("create", "web", "--instances", "1", "--memory", "64"));

        Cli.Result deploy = ok(cli.run("deploy", "web", site("v1").toString(), "--stack", "dockerfile"));
        assertThat(deploy.err()).contains("uploading web-v1.tar.gz").contains("100%").contains("Rolling out release 1 of web");
        assertThat(deploy.out()).contains("Step 1/3 : FROM dinp/busybox:latest").contains("release 1 created")
                .contains("Deployed web release 1: http://web.apps.localhost:" + up.routerPort);
        awaitAnswer("site v1");

        Cli.Result scale = ok(cli.run("scale", "web", "3"));
        assertThat(scale.err()).contains("running: 3/3 instances running");
        List<JsonNode> three = instances("web");
        assertThat(three).hasSize(3).allSatisfy(i -> assertThat(i.get("state").asText()).isEqualTo("running"));
        assertThat(ok(cli.run("ps", "web")).out()).contains("INSTANCE").contains(three.getFirst().get("id").asText());

        String path = "/cli-" + UUID.randomUUID();
        try (Cli.Running follow = cli.start("logs", "web", "-f", "-n", "0")) {
            // the follower is connected once lines arrive (the health monitor's checks are logged too)
            await().atMost(PATIENCE).until(() -> !follow.lines.isEmpty());
            assertThat(up.router.get(HOST, path).status()).isEqualTo(404);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(follow.lines)
                    .anySatisfy(l -> assertThat(l).endsWith("url:" + path).satisfies(
                            x -> assertThat(ids(three)).contains(x.substring(0, x.indexOf(' '))))));
            ok(cli.run("scale", "web", "4", "--timeout", "3m"));
            Set<String> added = ids(instances("web"));
            added.removeAll(ids(three));
            assertThat(added).hasSize(1);
            String fresh = added.iterator().next();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(follow.lines).anyMatch(l -> l.startsWith(fresh + " ")));
            assertThat(follow.alive()).isTrue();
        }

        Set<String> before = new HashSet<>();
        instances("web").forEach(i -> before.add(i.get("specHash").asText()));
        Cli.Result env = ok(cli.run("env", "set", "web", "GREETING=hi", "URL=http://x?a=b"));
        assertThat(env.err()).contains("Rolling web over to its new environment");
        assertThat(env.out()).contains("+GREETING").doesNotContain("hi");
        assertThat(ok(cli.run("env", "web")).out()).isEqualTo("GREETING=hi\nURL=http://x?a=b\n");
        assertThat(instances("web")).hasSize(4).allSatisfy(i -> {
            assertThat(before).doesNotContain(i.get("specHash").asText());
            assertThat(i.get("state").asText()).isEqualTo("running");
        });

        ok(cli.run("deploy", "web", site("v2").toString(), "--stack", "dockerfile"));
        awaitAnswer("site v2");
        Cli.Result back = ok(cli.run("rollback", "web"));
        assertThat(back.out()).isEqualTo("web runs release 1.\n");
        awaitAnswer("site v1");
        JsonNode releases = ok(cli.run("releases", "web", "--json")).json();
        assertThat(releases).hasSize(2);
        assertThat(releases.get(1).get("version").asText()).isEqualTo("1");
        assertThat(releases.get(1).get("current").asBoolean()).isTrue();

        Cli.Result refused = cli.run("delete", "web");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("add --yes");
        ok(cli.run("delete", "web", "--yes"));
        Cli.Result gone = cli.run("info", "web");
        assertThat(gone.code()).isEqualTo(4);
        assertThat(gone.err()).isEqualTo("dinp: no app named web\n");
    }

    @Test
    @Order(2)
    void everyListingsJsonParses() throws Exception {
        ok(cli.run("create", "lists", "--image", TestImages.LOGGER, "--instances", "1", "--memory", "64"));
        ok(cli.run("scale", "lists", "1"));
        ok(cli.run("domains", "add", "lists", "www.lists.example"));
        ok(cli.run("env", "set", "lists", "A=1"));
        record Listing(String kind, String... args) {
        }
        for (Listing l : new Listing[] {
                new Listing("array", "apps", "--json"), new Listing("object", "info", "lists", "--json"),
                new Listing("array", "ps", "lists", "--json"), new Listing("array", "releases", "lists", "--json"),
                new Listing("object", "env", "lists", "--json"), new Listing("array", "domains", "lists", "--json"),
                new Listing("array", "nodes", "--json"), new Listing("array", "builds", "lists", "--json"),
                new Listing("array", "events", "lists", "--json"),
                new Listing("object", "create", "lists-two", "--json")}) {
            JsonNode j = ok(cli.run(l.args())).json();
            assertThat(j.isArray() ? "array" : j.isObject() ? "object" : "other").as(String.join(" ", l.args())).isEqualTo(l.kind());
        }
        assertThat(ok(cli.run("domains", "lists", "--json")).json().get(0).asText()).isEqualTo("www.lists.example");
        assertThat(ok(cli.run("env", "lists", "--json")).json().get("A").asText()).isEqualTo("1");
        Cli.Result logs = ok(cli.run("logs", "lists", "--json", "-n", "all"));
        assertThat(logs.out().lines().toList()).isNotEmpty().allSatisfy(line -> {
            JsonNode e = Api.JSON.readTree(line);
            assertThat(e.has("instance")).as(line).isTrue();
        });
        assertThat(logs.out()).contains("started ");
    }

    @Test
    @Order(3)
    void everyErrorExitsNonZeroWithAMessage() throws Exception {
        Path bad = Files.writeString(work.resolve("bad.tgz"), "this is not gzip");
        record Case(int code, String says, String... args) {
        }
        for (Case c : new Case[] {
                new Case(4, "no app named nosuch", "info", "nosuch"),
                new Case(4, "no app named nosuch", "rollback", "nosuch"),
                new Case(2, "instances", "scale", "lists", "-1"),
                new Case(5, "already exists", "create", "lists"),
                new Case(2, "invalid name", "create", "Bad_Name"),
                new Case(2, "not gzip", "deploy", "lists", bad.toString(), "--stack", "static"),
                new Case(2, "stack", "deploy", "lists", site("v1").toString(), "--stack", "cobol"),
                new Case(5, "no release before the current one", "rollback", "lists"),
                new Case(2, "domain", "domains", "add", "lists", "not_a_domain"),
                new Case(4, "has no domain", "domains", "remove", "lists", "www.none.example"),
                new Case(2, "since", "logs", "lists", "--since", "yesterday"),
                new Case(2, "tail", "logs", "lists", "-n", "99999"),
                new Case(2, "not an environment variable name", "env", "set", "lists", "1X=2"),
                new Case(2, "add --yes", "delete", "lists"),
                new Case(4, "never joined", "nodes", "revoke", "nosuch"),
                new Case(2, "ttl", "nodes", "token", "create", "--ttl", "8d"),
                new Case(6, "cannot reach the API at http://127.0.0.1:1", "login", "--api", "http://127.0.0.1:1", "--token", "x"),
                new Case(3, "refused the token", "login", "--api", up.base(), "--token", "wrong")}) {
            Cli.Result r = cli.run(c.args());
            assertThat(r.code()).as(r.toString()).isEqualTo(c.code());
            // progress may come first (an upload's); the error is a line of its own
            assertThat(r.err().lines()).as(r.toString()).anySatisfy(l -> assertThat(l).startsWith("dinp: ").contains(c.says()));
        }
        // a server with accounts says who the admin token is; one without says it has none
        Cli.Result who = cli.run("whoami");
        if (who.code() == 0) {
            assertThat(who.out()).as(who.toString()).startsWith("admin");
        } else {
            assertThat(who.code()).as(who.toString()).isEqualTo(4);
            assertThat(who.err()).isEqualTo("dinp: the API at " + up.base() + " has no user accounts (GET /api/v1/me: 404); "
                    + "you are logged in to it with a token\n");
        }
        Cli.Result unreachable = new Cli().withEnv("DINP_API", "http://127.0.0.1:1").withEnv("DINP_TOKEN", "x").run("apps");
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(6);
        Cli.Result refused = new Cli().withEnv("DINP_API", up.base()).withEnv("DINP_TOKEN", "wrong").run("apps");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("log in again with dinp login --api " + up.base());

        assertThat(ok(cli.run("logout")).out()).startsWith("Logged out of " + up.base());
        Cli.Result out = cli.run("apps");
        assertThat(out.code()).isEqualTo(3);
        assertThat(out.err()).isEqualTo("dinp: not logged in: run dinp login --api URL --token TOKEN (or set DINP_API and DINP_TOKEN)\n");
    }
}
