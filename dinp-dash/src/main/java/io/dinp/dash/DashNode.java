package io.dinp.dash;

import io.dinp.common.http.HttpApi;
import io.dinp.common.secret.SecretBox;
import io.dinp.common.secret.SecretKeyFile;
import io.dinp.common.secret.SecretKeys;
import io.dinp.dash.auth.PasswordHasher;
import io.dinp.dash.metrics.ClusterHistory;
import io.dinp.dash.metrics.ClusterSampler;
import io.dinp.dash.metrics.TrafficSource;
import io.dinp.model.ClusterView;
import io.dinp.store.AppStore;
import io.dinp.store.Database;
import io.dinp.store.EventStore;
import io.dinp.store.TokenStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running dash: the REST API over the SQL store, asking the controller for real state. */
public final class DashNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DashNode.class);

    /** Samples for the charts: every 2 s, the last 10 minutes. */
    static final long SAMPLE_INTERVAL_MS = 2_000;
    static final int SAMPLES_KEPT = 300;

    private final HttpApi api;
    private final String bootstrapToken;
    private final ClusterSampler sampler;

    private DashNode(HttpApi api, String bootstrapToken, ClusterSampler sampler) {
        this.api = api;
        this.bootstrapToken = bootstrapToken;
        this.sampler = sampler;
    }

    /**
     * Starts the API. On the first start the site admin {@code admin} is created with a random
     * password in {@code dataDir/admin-password}, and an admin token in {@code dataDir/admin-token}
     * (both mode 600); see {@link Bootstrap}.
     */
    public static DashNode start(DashConfig cfg, Database db, ClusterView cluster, Path dataDir) throws IOException {
        return start(cfg, db, cluster, dataDir, api -> { });
    }

    /** With more routes on the same API (the builder's, in one JVM). */
    public static DashNode start(DashConfig cfg, Database db, ClusterView cluster, Path dataDir,
                                 java.util.function.Consumer<HttpApi> more) throws IOException {
        return start(cfg, db, cluster, dataDir, TrafficSource.NONE, LogNodes.none(), more);
    }

    /**
     * With the routers' request counters for the dashboard's charts, and instance logs read from
     * {@code logNodes}.
     */
    public static DashNode start(DashConfig cfg, Database db, ClusterView cluster, Path dataDir, TrafficSource traffic,
                                 LogNodes logNodes, java.util.function.Consumer<HttpApi> more) throws IOException {
        SecretBox secrets = new SecretBox(secretKeys(cfg, dataDir));
        String bootstrap = Bootstrap.run(db, dataDir, new PasswordHasher());
        AppStore apps = new AppStore(db);
        ClusterHistory history = new ClusterHistory(SAMPLES_KEPT, SAMPLE_INTERVAL_MS);
        HttpApi api = new DashApi(db, apps, new TokenStore(db), new EventStore(db), cluster, cfg, logNodes, secrets)
                .withHistory(history).create();
        more.accept(api);
        int port = cfg.tls() == null ? api.start(cfg.bindHost(), cfg.port())
                : api.start(cfg.bindHost(), cfg.port(), cfg.tls(), io.dinp.pki.TlsContexts.ClientAuth.NONE);
        log.info("API and dashboard listening on {}:{} ({})", cfg.bindHost(), port, cfg.tls() == null ? "plain HTTP, loopback only" : "HTTPS");
        ClusterSampler sampler = ClusterSampler.start(history, SAMPLE_INTERVAL_MS,
                () -> apps.list().stream().map(io.dinp.model.AppSpec::name).toList(), cluster, traffic);
        return new DashNode(api, bootstrap, sampler);
    }

    /**
     * The keys secrets are sealed with: the operator's file, which must exist (every process of
     * a cluster needs the same one), or the data directory's, made at the first start.
     */
    static SecretKeys secretKeys(DashConfig cfg, Path dataDir) throws IOException {
        SecretKeys keys = cfg.secretKeyFile() != null ? SecretKeyFile.load(cfg.secretKeyFile())
                : SecretKeyFile.loadOrCreate(dataDir.resolve(SecretKeyFile.NAME));
        log.info("secrets are sealed with key {}", keys.currentId());
        return keys;
    }

    /** Writes a secret readable by its owner only, created with that mode (never world-readable). */
    public static void writeSecret(Path file, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public int port() {
        return api.port();
    }

    /** The admin token from the data directory, or null when it is not there. */
    public String bootstrapToken() {
        return bootstrapToken;
    }

    @Override
    public void close() {
        sampler.close();
        api.close();
    }
}
