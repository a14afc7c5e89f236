package io.dinp.builder;

import com.github.dockerjava.api.DockerClient;
import io.dinp.builder.artifact.ArtifactInspector;
import io.dinp.builder.artifact.ArtifactRejectedException;
import io.dinp.builder.artifact.Inspected;
import io.dinp.model.Build;
import io.dinp.registry.ImagePusher;
import io.dinp.registry.PushedImage;
import io.dinp.store.BuildStore;
import io.dinp.store.ReleaseStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artifact → image → (registry) → release. The upload is checked while it streams in; a bad one
 * is refused before any build exists. Then, in the background: render the stack's Dockerfile,
 * build with a time limit, push, record the release. Any failed step stops the build: nothing
 * is pushed and no release is made.
 */
public final class BuildService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BuildService.class);
    private static final int TAIL_LINES = 20;

    private final BuilderSettings settings;
    private final BuildStore builds;
    private final ReleaseStore releases;
    private final StackCatalog stacks;
    private final ImageBuilder images;
    private final Optional<ImagePusher> pusher;
    private final ArtifactInspector inspector = new ArtifactInspector();
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> perApp = new ConcurrentHashMap<>();
    private final Map<String, BuildLog> live = new ConcurrentHashMap<>();
    private final ReleasePruner pruner;
    private final DockerClient docker;
    private final BuilderMetrics metrics = new BuilderMetrics(io.dinp.common.metrics.Meters.registry());
    /** How often this builder beats for its unfinished builds. */
    static final java.time.Duration BEAT_EVERY = java.time.Duration.ofSeconds(10);
    /** How long another builder's build may go without a beat before this one fails it. */
    static final java.time.Duration SILENT_FOR = java.time.Duration.ofSeconds(60);
    private final String id;
    private final java.util.concurrent.ScheduledExecutorService beats;
    private final SilentBuilds silent = new SilentBuilds(SILENT_FOR);

    /**
     * @param runningImage app → the image it runs now, whose release retention never deletes
     */
    public BuildService(BuilderSettings settings, DockerClient docker, BuildStore builds, ReleaseStore releases,
                        java.util.function.Function<String, String> runningImage) {
        this.settings = settings;
        this.builds = builds;
        this.releases = releases;
        this.stacks = StackCatalog.load(settings.baseOverrides());
        this.images = new ImageBuilder(docker);
        this.docker = docker;
        this.pusher = settings.registry().map(r -> new ImagePusher(docker, r));
        this.pruner = new ReleasePruner(releases, docker, settings.registry(), runningImage, settings.keepReleases());
        this.pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "dinp-build");
            t.setDaemon(true);
            return t;
        });
        this.id = idOf(settings.workRoot());
        int stale = builds.failUnfinished(id, "the builder stopped while this build ran");
        if (stale > 0) {
            log.warn("{} builds left unfinished by an earlier run are marked failed", stale);
        }
        int left = deleteLeftovers(settings.workRoot());
        if (left > 0) {
            log.info("deleted {} work directories of builds an earlier run did not finish", left);
        }
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinp-build-beat");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(this::beat, BEAT_EVERY.toMillis(), BEAT_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * This builder's id in the builds it records: its host and work directory (one builder per
     * data directory), the same after a restart, so that it fails its own unfinished builds then.
     */
    static String idOf(Path workRoot) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String where = host + ":" + workRoot.toAbsolutePath().normalize();
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(where.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String h = host.length() > 40 ? host.substring(0, 40) : host;
            return h + "-" + HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This builder's id in the builds it records. */
    public String id() {
        return id;
    }

    /**
     * Beats for this builder's unfinished builds, and fails other builders' builds whose beat has
     * stood still for {@link #SILENT_FOR} on this builder's clock: their builder stopped for good
     * (one that restarts fails its own at once). Compared on one clock only, never across hosts.
     */
    private void beat() {
        try {
            builds.beat(id);
            for (BuildStore.Beat b : silent.silent(builds.othersUnfinished(id), System.nanoTime())) {
                if (builds.failSilent(b.id(), b.beat(), "its builder (" + b.builder() + ") stopped while this build ran")) {
                    log.warn("build {} failed: its builder {} has not beaten for {} s", b.id(), b.builder(),
                            SILENT_FOR.toSeconds());
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not beat for this builder's builds: {}", e.toString());
        }
    }

    /**
     * The work directories under {@code workRoot} (each an unpacked artifact): at start, any there
     * is a build an earlier run did not finish (a kill), whose directory no one deletes otherwise.
     * The directory is this builder's own (under its data directory: one builder per data directory).
     */
    private static int deleteLeftovers(Path workRoot) {
        if (!Files.isDirectory(workRoot)) {
            return 0;
        }
        List<Path> left;
        try (Stream<Path> children = Files.list(workRoot)) {
            left = children.toList();
        } catch (IOException e) {
            log.warn("could not list the build work directory {}: {}", workRoot, e.toString());
            return 0;
        }
        left.forEach(BuildService::delete);
        return left.size();
    }

    /**
     * The builder's check for /healthz: the Docker Engine that builds (and pushes) answers; the
     * registry is named, its reachability shows in the builds' results.
     */
    public io.dinp.common.metrics.HealthCheck.Result health() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        long t = System.nanoTime();
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            return io.dinp.common.metrics.HealthCheck.Result.failing("Docker does not answer: " + e.getMessage());
        }
        d.put("dockerLatencyMs", (System.nanoTime() - t) / 1_000_000);
        d.put("registry", settings.registry().map(r -> r.address()).orElse("none (images stay local)"));
        return io.dinp.common.metrics.HealthCheck.Result.ok(d);
    }

    public StackCatalog stacks() {
        return stacks;
    }

    /**
     * Takes an upload: checks and unpacks it while it streams in, records a queued build, and
     * starts it after the app's earlier builds.
     *
     * @throws ArtifactRejectedException when the artifact is unsafe or malformed (nothing is kept)
     */
    public Build submit(String app, String version, String stack, String start, InputStream body,
                        String declaredName, String user) throws IOException, ArtifactRejectedException {
        Files.createDirectories(settings.workRoot());
        Path context = Files.createTempDirectory(settings.workRoot(), app + "-");
        Inspected artifact;
        MessageDigest sha = sha256();
        try {
            artifact = inspector.inspect(new DigestInputStream(body, sha), declaredName, settings.limits(), context.resolve("app"));
            if (StackCatalog.DOCKERFILE.equals(stack) && !Files.isRegularFile(context.resolve("app/Dockerfile"))) {
                throw new ArtifactRejectedException("stack dockerfile: the artifact has no Dockerfile at its top");
            }
        } catch (IOException | RuntimeException e) { // rejections are IOExceptions too
            delete(context);
            throw e;
        }
        Build b = builds.create(app, version, stack, user, id);
        BuildLog buildLog = new BuildLog();
        live.put(b.id(), buildLog);
        buildLog.line("artifact accepted: " + artifact.kind() + ", " + artifact.fileCount() + " files, "
                + artifact.totalBytes() + " bytes");
        String artifactHash = HexFormat.of().formatHex(sha.digest());
        Runnable task = () -> run(b, start, context, artifactHash, buildLog);
        metrics.queued();
        perApp.compute(app, (k, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .handle((ok, err) -> null).thenRunAsync(task, pool));
        return b;
    }

    private void run(Build b, String start, Path context, String artifactHash, BuildLog buildLog) {
        String image = null;
        String digest = null;
        String failure = null;
        long started = System.nanoTime();
        metrics.started();
        try {
            builds.running(b.id());
            Path dockerfile = stacks.render(b.stack(), context, start);
            String base = stacks.base(b.stack());
            buildLog.line("stack " + b.stack() + (base == null ? " (the artifact's own Dockerfile)" : " on " + base));
            String local = "dinp/" + b.app() + ":" + b.version();
            // the dockerfile stack's context is the artifact itself, so its COPY lines see its files
            Path root = StackCatalog.DOCKERFILE.equals(b.stack()) ? context.resolve("app") : context;
            Optional<String> key = cacheKey(b.stack(), base, artifactHash, context);
            key.ifPresent(k -> builds.cacheKey(b.id(), k));
            Optional<String> same = key.flatMap(k -> reusableImage(b, k));
            String id;
            if (same.isPresent()) {
                // the same artifact on the same base and template: the image would be identical
                docker.tagImageCmd(same.get(), "dinp/" + b.app(), b.version()).exec();
                id = docker.inspectImageCmd(local).exec().getId();
                buildLog.line("unchanged artifact, stack and base: reusing the image " + same.get());
            } else {
                id = images.build(root, dockerfile, local, settings.timeLimit(), buildLog);
                buildLog.line("built " + local + " (" + id + ")");
            }
            if (pusher.isPresent()) {
                long pushStarted = System.nanoTime();
                PushedImage pushed = pusher.get().push(local, b.app(), b.version());
                metrics.pushed(System.nanoTime() - pushStarted);
                image = pushed.pinned();
                digest = pushed.digest();
                buildLog.line("pushed " + pushed.reference() + " " + digest);
                // the registry tag keeps the image; the build tag would only keep it from node pruning
                untag(local);
            } else {
                image = local;
                digest = id;
            }
            releases.create(b.app(), b.version(), image, b.id(), null, b.createdBy());
            buildLog.line("release " + b.version() + " created: " + image);
            pruner.prune(b.app(), buildLog);
        } catch (ImageBuilder.BuildFailedException e) {
            failure = "build failed: " + e.getMessage();
        } catch (ReleaseStore.ReleaseExistsException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "the builder stopped during the build";
        } catch (Exception e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            delete(context);
        }
        metrics.finished(System.nanoTime() - started, failure == null);
        if (failure != null) {
            buildLog.line("FAILED: " + failure);
            failure = failure + "\n--- last lines of the log ---\n" + buildLog.tail(TAIL_LINES);
            log.info("build {} of {} {} failed", b.id(), b.app(), b.version());
        } else {
            log.info("build {} of {} {} succeeded: {}", b.id(), b.app(), b.version(), image);
        }
        // the record first: a follower whose log ends reads the final status at once
        builds.finish(b.id(), image, digest, failure, buildLog.finalText());
        buildLog.close();
        live.remove(b.id());
    }

    /**
     * What the image is made of: the artifact, the stack's rendered files and the base image's id.
     * None for the dockerfile stack, whose base is whatever the artifact says.
     */
    private Optional<String> cacheKey(String stack, String base, String artifactHash, Path context) throws IOException {
        if (base == null) {
            return Optional.empty();
        }
        String baseId;
        try {
            baseId = docker.inspectImageCmd(base).exec().getId();
        } catch (RuntimeException e) {
            return Optional.empty(); // the build will say the base is missing
        }
        MessageDigest key = sha256();
        key.update((stack + "\n" + baseId + "\n" + artifactHash + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(context)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(context.resolve("app"))).sorted().toList();
        }
        for (Path f : files) {
            key.update((context.relativize(f) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            key.update(Files.readAllBytes(f));
        }
        return Optional.of(HexFormat.of().formatHex(key.digest()));
    }

    /** The image of an earlier identical build that is still here and deployable, if any. */
    private Optional<String> reusableImage(Build b, String key) {
        return builds.lastSucceeded(b.app(), key, b.id())
                .filter(prev -> releases.get(prev.app(), prev.version()).map(r -> !r.pruned()).orElse(false))
                .map(Build::image)
                .filter(img -> {
                    try {
                        docker.inspectImageCmd(img).exec();
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void untag(String tag) {
        try {
            docker.removeImageCmd(tag).withNoPrune(true).exec();
        } catch (RuntimeException e) {
            log.debug("could not remove the build tag {}: {}", tag, e.toString());
        }
    }

    /** The log of a build still running, to follow; empty once it finished (read it from the store). */
    public Optional<BuildLog> liveLog(String buildId) {
        return Optional.ofNullable(live.get(buildId));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete build directory {}: {}", dir, e.toString());
        }
    }

    @Override
    public void close() {
        beats.shutdownNow();
        pool.shutdownNow();
    }
}
