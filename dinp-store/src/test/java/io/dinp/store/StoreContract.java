package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.AppSpec;
import io.dinp.model.HealthSettings;
import io.dinp.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The behaviour every database behind the stores must show; one subclass per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    private static final Instant START = Instant.parse("2030-01-02T03:04:05.678Z");

    protected final MutableClock clock = new MutableClock(START);
    protected Database db;
    private AppStore apps;
    private TokenStore tokens;
    private EventStore events;

    /** A database of this class's own, migrated and empty. */
    protected abstract Database openDatabase() throws Exception;

    /** Removes what {@link #openDatabase()} made, after the pool is closed. */
    protected void afterDatabaseClosed() throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        db = openDatabase();
        apps = new AppStore(db, clock);
        tokens = new TokenStore(db, clock);
        events = new EventStore(db, clock);
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
        afterDatabaseClosed();
    }

    @BeforeEach
    void emptyTables() {
        db.jdbi().useHandle(h -> {
            h.execute("DELETE FROM apps");
            h.execute("DELETE FROM tokens");
            h.execute("DELETE FROM events");
            h.execute("DELETE FROM builds");
            h.execute("DELETE FROM releases");
            h.execute("DELETE FROM domains");
            h.execute("DELETE FROM certificates");
            h.execute("DELETE FROM users");
            h.execute("DELETE FROM teams");
            h.execute("DELETE FROM memberships");
            h.execute("DELETE FROM sessions");
            h.execute("DELETE FROM app_routing");
        });
    }

    static AppSpec spec(String name) {
        return new AppSpec(name, "registry.local:5000/team/" + name + ":1", 2, 256, Map.of("MODE", "prod"), "/health", 0);
    }

    // --- builds and releases

    @Test
    void aBuildGoesFromQueuedToSucceededWithItsLog() {
        BuildStore builds = new BuildStore(db, clock);
        io.dinp.model.Build b = builds.create("hello", "1.0", "jar", "admin");
        assertThat(b.status()).isEqualTo("queued");
        builds.running(b.id());
        assertThat(builds.get(b.id()).orElseThrow().status()).isEqualTo("running");
        clock.advance(Duration.ofMillis(1500));
        io.dinp.model.Build done = builds.finish(b.id(), "reg:5000/hello:1.0@sha256:ab", "sha256:ab", null, "step 1\nstep 2 ✓\n");
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.durationMs()).isEqualTo(1500);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(builds.log(b.id())).contains("step 1\nstep 2 ✓\n");
        assertThat(builds.list("hello", 10)).extracting(io.dinp.model.Build::id).containsExactly(b.id());
    }

    @Test
    void aSucceededBuildIsFoundByWhatItWasMadeOf() {
        BuildStore builds = new BuildStore(db, clock);
        io.dinp.model.Build first = builds.create("hello", "1", "jar", "admin");
        builds.cacheKey(first.id(), "k1");
        assertThat(builds.lastSucceeded("hello", "k1", "x")).isEmpty();
        builds.finish(first.id(), "img@sha256:1", "sha256:1", null, "");
        io.dinp.model.Build second = builds.create("hello", "2", "jar", "admin");
        builds.cacheKey(second.id(), "k1");
        assertThat(builds.lastSucceeded("hello", "k1", second.id())).get().extracting(io.dinp.model.Build::id).isEqualTo(first.id());
        assertThat(builds.lastSucceeded("hello", "k2", second.id())).isEmpty();
        assertThat(builds.lastSucceeded("other", "k1", second.id())).isEmpty();
    }

    @Test
    void aFailedBuildKeepsItsReasonAndNoImage() {
        BuildStore builds = new BuildStore(db, clock);
        io.dinp.model.Build b = builds.create("hello", "2.0", "jar", "admin");
        io.dinp.model.Build failed = builds.finish(b.id(), "ignored", "ignored", "step 3 failed: exit 1", "tail");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.image()).isNull();
        assertThat(failed.failure()).isEqualTo("step 3 failed: exit 1");
    }

    @Test
    void unfinishedBuildsAreFailedAfterARestartOfTheirBuilderOnly() {
        BuildStore builds = new BuildStore(db, clock);
        io.dinp.model.Build mine = builds.create("hello", "3.0", "jar", "admin", "builder-a");
        io.dinp.model.Build old = builds.create("hello", "3.1", "jar", "admin");
        io.dinp.model.Build theirs = builds.create("hello", "3.2", "jar", "admin", "builder-b");
        assertThat(builds.failUnfinished("builder-a", "the builder restarted")).isGreaterThanOrEqualTo(2);
        assertThat(builds.get(mine.id()).orElseThrow().failure()).isEqualTo("the builder restarted");
        assertThat(builds.get(old.id()).orElseThrow().status()).isEqualTo(io.dinp.model.Build.FAILED);
        assertThat(builds.get(theirs.id()).orElseThrow().status()).isEqualTo(io.dinp.model.Build.QUEUED);
        builds.finish(theirs.id(), "img", "sha256:1", "x", "log");
    }

    @Test
    void aBuildWhoseBuilderStoppedBeatingIsFailedOnlyWhileItsBeatStandsStill() {
        BuildStore builds = new BuildStore(db, clock);
        io.dinp.model.Build b = builds.create("beats", "1", "jar", "admin", "builder-b");
        builds.running(b.id());
        assertThat(builds.othersUnfinished("builder-b")).isEmpty();
        List<BuildStore.Beat> seen = builds.othersUnfinished("builder-a");
        assertThat(seen).containsExactly(new BuildStore.Beat(b.id(), "builder-b", 0));
        assertThat(builds.beat("builder-b")).isEqualTo(1);
        // it beat since it was seen: not failed
        assertThat(builds.failSilent(b.id(), 0, "its builder stopped")).isFalse();
        assertThat(builds.othersUnfinished("builder-a").getFirst().beat()).isEqualTo(1);
        assertThat(builds.failSilent(b.id(), 1, "its builder stopped")).isTrue();
        assertThat(builds.get(b.id()).orElseThrow().failure()).isEqualTo("its builder stopped");
        assertThat(builds.beat("builder-b")).isZero();
        assertThat(builds.othersUnfinished("builder-a")).isEmpty();
    }

    @Test
    void releasesAreNumberedPerAppAndListedNewestFirst() {
        ReleaseStore releases = new ReleaseStore(db, clock);
        releases.create("hello", "1.0", "img@sha256:1", "b1", "first", "admin");
        releases.create("other", "1.0", "img2@sha256:1", null, null, "admin");
        io.dinp.model.Release second = releases.create("hello", "2.0", "img@sha256:2", "b2", null, "admin");
        assertThat(second.seq()).isEqualTo(2);
        assertThat(releases.list("hello")).extracting(io.dinp.model.Release::version).containsExactly("2.0", "1.0");
        assertThat(releases.get("hello", "1.0").orElseThrow().note()).isEqualTo("first");
        assertThatThrownBy(() -> releases.create("hello", "2.0", "x", null, null, "admin"))
                .isInstanceOf(ReleaseStore.ReleaseExistsException.class);
        assertThat(releases.get("hello", "1.0").orElseThrow().pruned()).isFalse();
        releases.markPruned("hello", "1.0");
        assertThat(releases.get("hello", "1.0").orElseThrow().prunedAt()).isNotNull();
        assertThat(releases.deleteAll("hello")).isEqualTo(2);
        assertThat(releases.list("other")).hasSize(1);
    }

    @Test
    void aFailedRolloutIsMarkedOnEveryReleaseOfItsImage() {
        ReleaseStore releases = new ReleaseStore(db, clock);
        releases.create("hello", "1.0", "img@sha256:1", null, null, "admin");
        releases.create("hello", "2.0", "img@sha256:2", null, null, "admin");
        assertThat(releases.markFailed("hello", "img@sha256:2", "never became healthy: status 500")).isEqualTo(1);
        io.dinp.model.Release failed = releases.get("hello", "2.0").orElseThrow();
        assertThat(failed.failure()).isEqualTo("never became healthy: status 500");
        assertThat(failed.failedAt()).isNotNull();
        assertThat(releases.get("hello", "1.0").orElseThrow().failedAt()).isNull();
        assertThat(releases.markFailed("hello", "set-by-hand:1", "x")).isZero();
    }

    @Test
    void routeOptionsAreStoredPerAppAndTheDefaultsTakeNoRow() {
        RoutingStore routing = new RoutingStore(db, clock);
        io.dinp.model.RouteOptions sticky = new io.dinp.model.RouteOptions(true, 0, false);
        io.dinp.model.RouteOptions big = new io.dinp.model.RouteOptions(false, 64L * 1024 * 1024 * 1024, true);
        assertThat(routing.of("shop")).isEqualTo(io.dinp.model.RouteOptions.DEFAULTS);

        routing.put("shop", sticky, "admin");
        routing.put("blog", big, null);
        assertThat(routing.of("shop")).isEqualTo(sticky);
        assertThat(routing.all()).containsExactly(Map.entry("blog", big), Map.entry("shop", sticky));

        routing.put("shop", big, "admin"); // an upsert: the same row changes
        assertThat(routing.of("shop")).isEqualTo(big);
        routing.put("shop", big, "admin");
        assertThat(routing.all()).hasSize(2);

        routing.put("blog", io.dinp.model.RouteOptions.DEFAULTS, "admin");
        assertThat(routing.all()).containsOnlyKeys("shop");
        int blogRows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_routing WHERE app = 'blog'")
                .mapTo(Integer.class).one());
        assertThat(blogRows).as("the defaults take no row").isZero();
        assertThat(routing.delete("shop")).isTrue();
        assertThat(routing.delete("shop")).isFalse();
        assertThat(routing.all()).isEmpty();
    }

    @Test
    void aDomainBelongsToOneAppAtMost() {
        DomainStore domains = new DomainStore(db, clock);
        assertThat(domains.bind("www.shop.example", "shop", "admin")).isTrue();
        assertThat(domains.bind("www.shop.example", "shop", "admin")).isFalse();
        assertThatThrownBy(() -> domains.bind("www.shop.example", "blog", "admin"))
                .isInstanceOf(DomainStore.DomainTakenException.class).hasMessageContaining("shop");
        domains.bind("*.blog.example", "blog", "admin");
        domains.bind("api.shop.example", "shop", null);
        assertThat(domains.of("shop")).containsExactly("api.shop.example", "www.shop.example");
        assertThat(domains.all()).containsEntry("*.blog.example", "blog").hasSize(3);
        assertThat(domains.unbind("www.shop.example", "blog")).isFalse();
        assertThat(domains.unbind("www.shop.example", "shop")).isTrue();
        assertThat(domains.owner("www.shop.example")).isEmpty();
        assertThat(domains.deleteAll("shop")).isEqualTo(1);
        assertThat(domains.all()).containsOnlyKeys("*.blog.example");
    }

    @Test
    void aDomainsCertificateIsReplacedWhole() {
        CertificateStore certs = new CertificateStore(db, clock);
        var shop = new io.dinp.model.TlsCertificate(io.dinp.testkit.TestCertificates.cert("shop"),
                io.dinp.testkit.TestCertificates.key("shop"));
        var other = new io.dinp.model.TlsCertificate(io.dinp.testkit.TestCertificates.cert("apps"),
                io.dinp.testkit.TestCertificates.key("apps"));
        certs.put("www.shop.example", "shop", other, Instant.parse("2100-01-01T00:00:00Z"));
        certs.put("www.shop.example", "shop", shop, Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(certs.get("www.shop.example")).contains(shop);
        assertThat(certs.all()).containsOnlyKeys("www.shop.example");
        assertThat(certs.delete("www.shop.example", "blog")).isFalse();
        assertThat(certs.deleteAll("shop")).isEqualTo(1);
        assertThat(certs.get("www.shop.example")).isEmpty();
    }

    // --- apps

    @Test
    void healthChecksRoundTripAndDefaultsStayImplicit() {
        AppSpec plain = apps.create(spec("plain"));
        assertThat(apps.get("plain").orElseThrow().health()).isEqualTo(HealthSettings.DEFAULTS.withPath("/health"));
        HealthSettings custom = new HealthSettings("/ready", 200, 299, "ok", Duration.ofMillis(500),
                Duration.ofMillis(700), 2, 3, Duration.ofSeconds(5));
        AppSpec changed = apps.update("plain", a -> a.withHealth(custom));
        assertThat(changed.generation()).isEqualTo(plain.generation() + 1);
        assertThat(apps.get("plain").orElseThrow().health()).isEqualTo(custom);
        assertThat(apps.get("plain").orElseThrow().healthPath()).isEqualTo("/ready");
        assertThat(apps.get("plain").orElseThrow().specHash()).isEqualTo(plain.specHash()); // restarts nothing
    }

    @Test
    void createdAppReadsBackAtGenerationOne() {
        AppSpec created = apps.create(new AppSpec("hello", "hello:1", 3, 128, Map.of("A", "b"), "/ok", 42));

        assertThat(created.generation()).isEqualTo(1);
        assertThat(apps.get("hello")).contains(created);
        assertThat(created).isEqualTo(new AppSpec("hello", "hello:1", 3, 128, Map.of("A", "b"), "/ok", 1));
    }

    @Test
    void unknownAppIsEmpty() {
        assertThat(apps.get("nope")).isEmpty();
    }

    @Test
    void duplicateNameIsRefusedAndKeepsTheFirst() {
        AppSpec first = apps.create(spec("dup"));

        assertThatThrownBy(() -> apps.create(spec("dup").withInstances(9)))
                .isInstanceOf(AppExistsException.class)
                .hasMessageContaining("'dup'");
        assertThat(apps.get("dup")).contains(first);
    }

    @Test
    void invalidSpecIsRefusedWithTheField() {
        assertThatThrownBy(() -> apps.create(new AppSpec("Bad_Name", "x", 1, 128, Map.of(), "/", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name:");
        assertThat(apps.list()).isEmpty();
    }

    @Test
    void listIsOrderedByName() {
        apps.create(spec("charlie"));
        apps.create(spec("alpha"));
        apps.create(spec("bravo-2"));
        apps.create(spec("bravo"));

        assertThat(apps.list()).extracting(AppSpec::name).containsExactly("alpha", "bravo", "bravo-2", "charlie");
    }

    @Test
    void updateAppliesTheChangeAndBumpsTheGeneration() {
        apps.create(spec("web"));

        AppSpec scaled = apps.update("web", s -> s.withInstances(5));
        AppSpec moved = apps.update("web", s -> new AppSpec(s.name(), "web:2", s.instances(), 512,
                Map.of("NEW", "1"), "/ready", 999));

        assertThat(scaled.generation()).isEqualTo(2);
        assertThat(scaled.instances()).isEqualTo(5);
        assertThat(moved).isEqualTo(new AppSpec("web", "web:2", 5, 512, Map.of("NEW", "1"), "/ready", 3));
        assertThat(apps.get("web")).contains(moved);
    }

    @Test
    void updateOfUnknownAppThrows() {
        assertThatThrownBy(() -> apps.update("ghost", s -> s))
                .isInstanceOf(NoSuchAppException.class)
                .hasMessageContaining("'ghost'");
    }

    @Test
    void updateMayNotRenameOrBreakRules() {
        AppSpec original = apps.create(spec("fixed"));

        assertThatThrownBy(() -> apps.update("fixed", s -> spec("other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renamed");
        assertThatThrownBy(() -> apps.update("fixed", s -> s.withInstances(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instances");
        assertThat(apps.get("fixed")).contains(original);
    }

    @Test
    void concurrentUpdatesAreNotLost() throws Exception {
        apps.create(spec("busy").withInstances(0));
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        apps.update("busy", s -> s.withInstances(s.instances() + 1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        AppSpec after = apps.get("busy").orElseThrow();
        assertThat(after.instances()).isEqualTo(threads * perThread);
        assertThat(after.generation()).isEqualTo(1 + threads * perThread);
    }

    @Test
    void deleteRemovesOnce() {
        apps.create(spec("gone"));

        assertThat(apps.delete("gone")).isTrue();
        assertThat(apps.delete("gone")).isFalse();
        assertThat(apps.get("gone")).isEmpty();
    }

    @Test
    void envRoundTripsExactly() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUOTES", "it's \"quoted\" `back`");
        env.put("BACKSLASH", "C:\\path\\n not a newline \\u0041");
        env.put("CONTROL", "line1\nline2\r\n\ttabbed");
        env.put("SQL", "'); DROP TABLE apps; --");
        env.put("JSON", "{\"nested\": [1, 2, {\"a\": null}]}");
        env.put("SHELL", "${HOME} $(whoami) && rm -rf /");
        env.put("UNICODE", "héllo wörld – 你好 – Здравствуй – مرحبا");
        env.put("ASTRAL", "rocket 🚀 and 𝄞 outside the BMP");
        env.put("EMPTY", "");
        env.put("SPACES", "  padded  ");
        // four values at the 32 KiB limit exceed MariaDB's TEXT (64 KiB); the column must hold them
        for (int i = 0; i < 4; i++) {
            env.put("BIG_" + i, "é".repeat(32 * 1024));
        }
        AppSpec created = apps.create(new AppSpec("envy", "envy:1", 1, 64, env, "/", 0));

        assertThat(apps.get("envy").orElseThrow().env()).isEqualTo(env);
        assertThat(apps.update("envy", s -> s).env()).isEqualTo(env);
        assertThat(created.env()).isEqualTo(env);
    }

    @Test
    void secretsAreStoredSealedAndNeverAsPlaintext() {
        io.dinp.common.secret.SecretBox box = new io.dinp.common.secret.SecretBox(io.dinp.common.secret.SecretKeys.generate());
        String plain = "s3cr3t-" + java.util.UUID.randomUUID();
        String sealed = box.seal(plain, io.dinp.common.secret.SecretBox.envContext("vault", "DB_PASSWORD"));
        AppSpec created = apps.create(new AppSpec("vault", "vault:1", 1, 64, Map.of("MODE", "prod"),
                Map.of("DB_PASSWORD", sealed), HealthSettings.DEFAULTS, 0));

        AppSpec read = apps.get("vault").orElseThrow();
        assertThat(read.secretEnv()).isEqualTo(Map.of("DB_PASSWORD", sealed)).isEqualTo(created.secretEnv());
        assertThat(read.env()).isEqualTo(Map.of("MODE", "prod"));
        assertThat(read.specHash()).isEqualTo(created.specHash());
        assertThat(box.open(read.secretEnv().get("DB_PASSWORD"),
                io.dinp.common.secret.SecretBox.envContext("vault", "DB_PASSWORD"))).isEqualTo(plain);
        // what the database holds, byte for byte: the sealed form, nowhere the plaintext
        String row = db.jdbi().withHandle(h -> h.createQuery("SELECT env, secret_env FROM apps WHERE name = 'vault'")
                .map((rs, ctx) -> rs.getString("env") + "\n" + rs.getString("secret_env")).one());
        assertThat(row).contains(sealed).doesNotContain(plain);
        assertThat(apps.update("vault", s -> s.withInstances(2)).secretEnv()).isEqualTo(Map.of("DB_PASSWORD", sealed));
        // without secrets the column stays empty, as for every app from before secrets
        apps.update("vault", s -> new AppSpec(s.name(), s.image(), s.instances(), s.memoryMb(), s.env(), Map.of(),
                s.health(), s.generation()));
        java.util.Optional<String> column = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT secret_env FROM apps WHERE name = 'vault'").mapTo(String.class).findOne());
        assertThat(column).isEmpty();
        assertThat(apps.get("vault").orElseThrow().secretEnv()).isEmpty();
    }

    @Test
    void refusesToStoreAPlaintextAsASecret() {
        assertThatThrownBy(() -> apps.create(new AppSpec("leaky", "leaky:1", 1, 64, Map.of(),
                Map.of("DB_PASSWORD", "hunter2"), HealthSettings.DEFAULTS, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretEnv.DB_PASSWORD").hasMessageNotContaining("hunter2");
        assertThat(apps.get("leaky")).isEmpty();
    }

    // --- tokens

    @Test
    void tokenAuthenticatesItsUserUntilRevoked() {
        String token = tokens.create("laptop", "alice");
        tokens.create("ci", "bob");

        assertThat(token).startsWith("dinp_").hasSize("dinp_".length() + 43).matches("dinp_[A-Za-z0-9_-]+");
        assertThat(tokens.authenticate(token)).contains("alice");
        assertThat(tokens.count()).isEqualTo(2);

        String id = tokens.list("alice").getFirst().id();
        assertThat(tokens.revoke(id)).isTrue();
        assertThat(tokens.revoke(id)).isFalse();
        assertThat(tokens.authenticate(token)).isEmpty();
        assertThat(tokens.count()).isEqualTo(1);
    }

    @Test
    void unknownOrMalformedTokensDoNotAuthenticate() {
        String token = tokens.create("laptop", "alice");

        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(token.substring("dinp_".length()))).isEmpty();
        assertThat(tokens.authenticate(token + "x")).isEmpty();
        assertThat(tokens.authenticate("dinp_" + "A".repeat(43))).isEmpty();
        assertThat(tokens.authenticate(TokenStore.sha256Hex(token))).isEmpty();
    }

    @Test
    void tokensAreUnique() {
        assertThat(List.of(tokens.create("a", "u"), tokens.create("b", "u"), tokens.create("c", "u")))
                .doesNotHaveDuplicates();
    }

    @Test
    void plainTokenIsStoredNowhere() {
        String token = tokens.create("laptop", "alice");
        String secret = token.substring("dinp_".length());

        List<String> cells = db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM tokens")
                .map((rs, ctx) -> {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.add(String.valueOf(rs.getString(c)));
                    }
                    return row;
                })
                .list()).getFirst();

        assertThat(cells).contains(TokenStore.sha256Hex(token));
        assertThat(cells).noneMatch(cell -> cell.contains(secret) || cell.contains(secret.substring(0, 16)));
    }

    @Test
    void lastUseIsRecordedAtMostOncePerMinute() {
        String token = tokens.create("laptop", "alice");
        assertThat(tokens.list("alice").getFirst().lastUsedAt()).isNull();

        tokens.authenticate(token);
        Instant first = clock.instant();
        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(token);
        assertThat(tokens.list("alice").getFirst().lastUsedAt()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        tokens.authenticate(token);
        assertThat(tokens.list("alice").getFirst().lastUsedAt()).isEqualTo(clock.instant());
    }

    @Test
    void tokenListShowsOnlyThatUser() {
        tokens.create("laptop", "alice");
        tokens.create("ci", "bob");

        assertThat(tokens.list("alice")).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("laptop");
            assertThat(t.user()).isEqualTo("alice");
            assertThat(t.createdAt()).isEqualTo(clock.instant());
        });
    }

    // --- events

    @Test
    void eventsComeBackNewestFirst() {
        events.record("web", "deploy", "image web:1", "alice");
        clock.advance(Duration.ofSeconds(1));
        events.record(null, "node-joined", "node n1 joined", "server");
        events.record("api", "scale", "2 -> 3", "bob");
        events.record("web", "scale", "1 -> 4 ✓", "alice");

        assertThat(events.recent(null, 10)).extracting(Event::kind)
                .containsExactly("scale", "scale", "node-joined", "deploy");
        assertThat(events.recent("web", 10)).extracting(Event::message)
                .containsExactly("1 -> 4 ✓", "image web:1");
        assertThat(events.recent(null, 2)).extracting(Event::app).containsExactly("web", "api");
        assertThat(events.recent("nothing", 10)).isEmpty();
    }

    @Test
    void eventKeepsWhoAndWhen() {
        events.record("web", "deploy", "image web:1", "alice");

        Event e = events.recent("web", 1).getFirst();
        assertThat(e).isEqualTo(new Event(e.id(), "web", null, "deploy", "image web:1", "alice", null, clock.instant()));
    }

    @Test
    void overlongMessageIsCutNotRefused() {
        events.record("web", "build", "x".repeat(5000), "builder");

        assertThat(events.recent("web", 1).getFirst().message()).hasSize(2048).endsWith("…");
    }

    @Test
    void limitMustBeSensible() {
        assertThatThrownBy(() -> events.recent(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.recent(null, 1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
