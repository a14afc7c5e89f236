package io.dinp.agent.logs;

import io.dinp.common.logs.LogWire;
import io.dinp.model.AppValidation;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.model.LogSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last lines of removed instances, one file per instance ({@code DIR/<app>/<instance>.ndjson},
 * one {@link LogEvent} per line), kept for the retention time and within a total size; the oldest
 * go first. The file's modification time is when the instance was removed.
 */
public final class LogArchive {
    private static final Logger log = LoggerFactory.getLogger(LogArchive.class);
    static final String SUFFIX = ".ndjson";
    private static final Pattern INSTANCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    private final Path dir;
    private final Duration retention;
    private final long maxTotalBytes;

    /** One kept log. */
    public record Archived(String app, String instance, Path file, Instant archivedAt, long bytes) {
    }

    /**
     * @param retention     how long a removed instance's lines stay readable; zero keeps none
     * @param maxTotalBytes the whole archive's size limit
     */
    public LogArchive(Path dir, Duration retention, long maxTotalBytes) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("log retention must not be negative, was " + retention);
        }
        this.dir = dir;
        this.retention = retention;
        this.maxTotalBytes = maxTotalBytes;
    }

    public boolean enabled() {
        return !retention.isZero();
    }

    public Duration retention() {
        return retention;
    }

    /** Whether names taken from a container's labels may become a path here. */
    static boolean safe(String app, String instance) {
        return app != null && instance != null && AppValidation.name(app).isEmpty() && INSTANCE.matcher(instance).matches();
    }

    /** Stores an instance's lines, replacing what was kept for it; written aside, then moved in whole. */
    public void write(String app, String instance, List<LogEvent> lines) throws IOException {
        if (!safe(app, instance)) {
            throw new IllegalArgumentException("not an app and instance: " + app + "/" + instance);
        }
        Path appDir = Files.createDirectories(dir.resolve(app));
        Path tmp = Files.createTempFile(appDir, "." + instance, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                for (LogEvent e : lines) {
                    out.write(LogWire.encode(e));
                }
            }
            Path target = appDir.resolve(instance + SUFFIX);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The app's kept logs, oldest first. */
    public List<Archived> list(String app) {
        List<Archived> out = new ArrayList<>();
        if (!AppValidation.name(app).isEmpty()) {
            return out;
        }
        collect(dir.resolve(app), app, out);
        out.sort(Comparator.comparing(Archived::archivedAt));
        return out;
    }

    private static void collect(Path appDir, String app, List<Archived> out) {
        if (!Files.isDirectory(appDir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(appDir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String instance = name.substring(0, name.length() - SUFFIX.length());
                try {
                    out.add(new Archived(app, instance, f, Files.getLastModifiedTime(f).toInstant(), Files.size(f)));
                } catch (NoSuchFileException e) {
                    // swept meanwhile
                }
            }
        } catch (IOException e) {
            log.warn("cannot list kept logs in {}: {}", appDir, e.toString());
        }
    }

    /**
     * Sends the kept lines matching the query (its time and tail) to the sink, without holding
     * them in memory: one pass counts, the next sends.
     *
     * @return false when the sink refused a line
     */
    public boolean replay(Archived a, LogQuery q, String node, LogSink sink) throws IOException {
        long matching;
        try {
            matching = forEachLine(a.file(), q, e -> true, Long.MAX_VALUE);
        } catch (NoSuchFileException e) {
            return true;
        }
        long skip = q.tail() < 0 ? 0 : Math.max(0, matching - q.tail());
        long[] seen = {0};
        boolean[] ok = {true};
        try {
            forEachLine(a.file(), q, e -> {
                if (seen[0]++ < skip) {
                    return true;
                }
                ok[0] = sink.accept(LogEvent.line(a.instance(), node, e.stream(), e.time(), e.line()));
                return ok[0];
            }, Long.MAX_VALUE);
        } catch (NoSuchFileException e) {
            return true;
        }
        return ok[0];
    }

    private static long forEachLine(Path file, LogQuery q, LogSink each, long max) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s = r.readLine(); s != null && n < max; s = r.readLine()) {
                LogEvent e;
                try {
                    e = LogWire.decode(s);
                } catch (UncheckedIOException bad) {
                    continue;
                }
                if (!e.hasLine() || e.time() == null || (q.since() != null && e.time().isBefore(q.since()))) {
                    continue;
                }
                n++;
                if (!each.accept(e)) {
                    break;
                }
            }
        }
        return n;
    }

    /** Deletes logs past the retention time, then the oldest while the whole is over its size. */
    public void sweep(Instant now) {
        List<Archived> all = new ArrayList<>();
        List<Path> appDirs = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> apps = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path appDir : apps) {
                    appDirs.add(appDir);
                    collect(appDir, appDir.getFileName().toString(), all);
                }
            } catch (IOException e) {
                log.warn("cannot list kept logs in {}: {}", dir, e.toString());
                return;
            }
        }
        all.sort(Comparator.comparing(Archived::archivedAt));
        long total = all.stream().mapToLong(Archived::bytes).sum();
        for (Archived a : all) {
            boolean expired = !a.archivedAt().plus(retention).isAfter(now);
            if (expired || total > maxTotalBytes) {
                try {
                    Files.deleteIfExists(a.file());
                    total -= a.bytes();
                } catch (IOException e) {
                    log.warn("cannot delete kept log {}: {}", a.file(), e.toString());
                }
            }
        }
        for (Path appDir : appDirs) {
            try {
                Files.deleteIfExists(appDir); // only when empty: the app has no kept log left
            } catch (IOException e) {
                // not empty (or written meanwhile): kept
            }
        }
    }
}
