package io.dinp.dash;

import io.dinp.common.http.HttpApi;
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

    private final HttpApi api;
    private final String bootstrapToken;

    private DashNode(HttpApi api, String bootstrapToken) {
        this.api = api;
        this.bootstrapToken = bootstrapToken;
    }

    /**
     * Starts the API. On the first start (no token at all) an admin token is created and written
     * to {@code dataDir/admin-token} with mode 600.
     */
    public static DashNode start(DashConfig cfg, Database db, ClusterView cluster, Path dataDir) throws IOException {
        return start(cfg, db, cluster, dataDir, api -> { });
    }

    /** With more routes on the same API (the builder's, in one JVM). */
    public static DashNode start(DashConfig cfg, Database db, ClusterView cluster, Path dataDir,
                                 java.util.function.Consumer<HttpApi> more) throws IOException {
        return start(cfg, db, cluster, dataDir, LogNodes.none(), more);
    }

    /** Reading instance logs from {@code logNodes}. */
    public static DashNode start(DashConfig cfg, Database db, ClusterView cluster, Path dataDir, LogNodes logNodes,
                                 java.util.function.Consumer<HttpApi> more) throws IOException {
        TokenStore tokens = new TokenStore(db);
        String bootstrap = null;
        Path file = dataDir.resolve("admin-token");
        if (tokens.count() == 0) {
            bootstrap = tokens.create("bootstrap", "admin");
            writeSecret(file, bootstrap);
            log.info("created the bootstrap admin token in {}", file);
        } else if (Files.isReadable(file)) {
            bootstrap = Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        HttpApi api = new DashApi(db, new AppStore(db), tokens, new EventStore(db), cluster, cfg, logNodes).create();
        more.accept(api);
        int port = api.start(cfg.bindHost(), cfg.port());
        log.info("API listening on {}:{}", cfg.bindHost(), port);
        return new DashNode(api, bootstrap);
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
        api.close();
    }
}
