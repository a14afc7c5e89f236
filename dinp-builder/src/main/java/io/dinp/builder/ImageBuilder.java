package io.dinp.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Builds an image from a context directory through the Engine API, streaming its output to the build log. */
final class ImageBuilder {
    private final DockerClient docker;

    ImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /** Thrown when the build failed; the message says why (the step's error or the time limit). */
    static final class BuildFailedException extends Exception {
        BuildFailedException(String message) {
            super(message);
        }
    }

    /** Builds and tags; returns the image id. Never pulls the base (nothing can be pulled here; bases are local). */
    String build(Path context, Path dockerfile, String tag, Duration limit, BuildLog log)
            throws BuildFailedException, InterruptedException {
        Callback cb = new Callback(log);
        PipedInputStream tar = new PipedInputStream(1 << 20);
        PipedOutputStream sink;
        try {
            sink = new PipedOutputStream(tar);
        } catch (IOException e) {
            throw new BuildFailedException("cannot stream the build context: " + e.getMessage());
        }
        Thread writer = Thread.ofVirtual().name("dinp-build-context").start(() -> {
            try (sink) {
                ContextTar.write(context, sink);
            } catch (IOException e) {
                log.line("could not send the build context: " + e.getMessage());
            }
        });
        docker.buildImageCmd(tar)
                .withDockerfilePath(context.relativize(dockerfile).toString())
                .withTags(Set.of(tag))
                .withPull(false)
                .withRemove(true)
                .withForcerm(true)
                .exec(cb);
        boolean done = cb.await(limit);
        writer.interrupt();
        if (!done) {
            cb.abort();
            throw new BuildFailedException("the build did not finish within " + limit.toMinutes() + " min");
        }
        if (cb.error != null) {
            throw new BuildFailedException(cb.error);
        }
        if (cb.imageId == null) {
            throw new BuildFailedException("the Docker Engine ended the build without an image");
        }
        return cb.imageId;
    }

    /** Collects the build's stream: lines to the log, the error or the image id at the end. */
    private static final class Callback extends ResultCallback.Adapter<BuildResponseItem> {
        private final BuildLog log;
        private volatile String error;
        private volatile String imageId;

        Callback(BuildLog log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null && !item.getStream().isBlank()) {
                item.getStream().lines().forEach(log::line);
            }
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
                log.line("ERROR: " + error);
            }
            if (item.isBuildSuccessIndicated()) {
                imageId = item.getImageId();
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t.getMessage() == null ? t.toString() : t.getMessage();
            log.line("ERROR: " + error);
            super.onError(t);
        }

        boolean await(Duration limit) throws InterruptedException {
            return awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        void abort() {
            try {
                close();
            } catch (IOException e) {
                log.line("could not stop the build stream: " + e.getMessage());
            }
        }
    }
}
