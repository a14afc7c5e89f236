package io.dinp.agent;

import io.dinp.registry.DockerFailures;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the node's old DINP images on the local Docker, keeping the newest few per repository (see {@link ImageRetention}).
 *
 * <p>{@link #tick()} starts a pass at most every interval, {@link #request()} starts one at once; passes run
 * one at a time on the pruner's own thread. Launches hold {@link #launchLock()} from the image check to
 * the created container, so a pass never deletes an image between its pull and its use.
 */
public final class ImagePruner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImagePruner.class);
    /** Default pause between two periodic passes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private final DockerClient docker;
    private final List<String> registries;
    private final int keep;
    private final long intervalNanos;
    private final Supplier<? extends Collection<String>> wanted;
    private final LongSupplier clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService thread;
    private volatile long lastStart;
    private volatile boolean started;

    /**
     * @param registries the DINP registry addresses ({@code host[:port]}) whose images may be deleted
     * @param keep       images kept per repository, at least 1
     * @param wanted     images the node is told to run (kept even without a container), read at each pass
     */
    public ImagePruner(DockerClient docker, Collection<String> registries, int keep, Duration interval,
                       Supplier<? extends Collection<String>> wanted, String threadName) {
        this(docker, registries, keep, interval, wanted, threadName, System::nanoTime);
    }

    ImagePruner(DockerClient docker, Collection<String> registries, int keep, Duration interval,
                Supplier<? extends Collection<String>> wanted, String threadName, LongSupplier clock) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        this.docker = Objects.requireNonNull(docker, "docker");
        this.registries = List.copyOf(registries);
        this.keep = keep;
        this.intervalNanos = interval.toNanos();
        this.wanted = Objects.requireNonNull(wanted, "wanted");
        this.clock = clock;
        this.thread = Executors.newSingleThreadExecutor(Threads.daemon(threadName));
    }

    /** Hold (shared) while ensuring an image and creating its container; a pass skips while it is held. */
    public Lock launchLock() {
        return lock.readLock();
    }

    /** Starts a pass in the background if none ran within the interval; cheap, for the report loop. */
    public void tick() {
        if (!started || clock.getAsLong() - lastStart >= intervalNanos) {
            request();
        }
    }

    /** Starts a pass in the background now, e.g. after new containers (and maybe new images) appeared. */
    public void request() {
        if (pending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    pending.set(false);
                    runQuietly();
                });
            } catch (RejectedExecutionException e) {
                pending.set(false); // closed
            }
        }
    }

    private void runQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("image pruning failed, will retry: {}", DockerFailures.message(e));
        }
    }

    /** One pass on the caller's thread; answers the ids it deleted. */
    public List<String> prune() {
        // never wait: a waiting writer would hold up every new launch behind a long pull
        if (!lock.writeLock().tryLock()) {
            log.debug("a launch is under way, pruning images later");
            return List.of();
        }
        lastStart = clock.getAsLong();
        started = true;
        try {
            Map<String, ImageRetention.LocalImage> images = new HashMap<>();
            for (Image i : docker.listImagesCmd().exec()) {
                images.put(i.getId(), new ImageRetention.LocalImage(i.getId(), list(i.getRepoTags()),
                        list(i.getRepoDigests()), i.getCreated() == null ? 0 : i.getCreated()));
            }
            // containers after images: a container made in between protects its image
            List<String> inUse = new ArrayList<>(wanted.get());
            for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
                inUse.add(c.getImage());
                inUse.add(c.getImageId());
            }
            List<String> deleted = new ArrayList<>();
            for (String id : ImageRetention.toDelete(images.values(), inUse, registries, keep)) {
                if (remove(images.get(id))) {
                    deleted.add(id);
                }
            }
            return deleted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean remove(ImageRetention.LocalImage image) {
        String name = image.references().getFirst();
        try {
            try {
                docker.removeImageCmd(image.id()).exec();
            } catch (ConflictException e) {
                if (!DockerFailures.message(e).contains("multiple repositories")) {
                    throw e;
                }
                // several tags: Docker wants them removed one by one; the last one deletes the image
                for (String ref : image.references()) {
                    try {
                        docker.removeImageCmd(ref).exec();
                    } catch (NotFoundException gone) {
                        // untagging the last tag of a repository also drops its digests
                    }
                }
            }
            log.info("deleted old image {} ({}), keeping the newest {} per app", name, ReportBuilder.shortId(image.id().replace("sha256:", "")), keep);
            return true;
        } catch (ConflictException e) {
            log.debug("image {} not deleted, Docker still needs it: {}", name, DockerFailures.message(e));
        } catch (NotFoundException e) {
            log.debug("image {} already gone", name);
        } catch (RuntimeException e) {
            log.warn("cannot delete image {}: {}", name, DockerFailures.message(e));
        }
        return false;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    /** Stops the pruner's thread; a pass under way is interrupted. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
