package io.dinp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Small images for tests, built locally from {@code FROM scratch} and the host's static busybox
 * (no registry can be reached). Each method builds its image once and returns its name.
 */
public final class TestImages {
    /** Version word served by {@link #HELLO_V1}. */
    public static final String V1 = "v1";
    /** Version word served by {@link #HELLO_V2}. */
    public static final String V2 = "v2";
    /** Web server answering {@code instance=$DINP_INSTANCE version=v1} on {@code $PORT}. */
    public static final String HELLO_V1 = "dinp-test/hello:v1";
    /** Same as {@link #HELLO_V1} but says {@code version=v2}. */
    public static final String HELLO_V2 = "dinp-test/hello:v2";
    /** Prints a line and exits with code 1 at once. */
    public static final String CRASH = "dinp-test/crash:v1";
    /**
     * Like hello (answers {@code instance=$DINP_INSTANCE version=<tag>} on {@code /}) and also
     * {@code ok} on {@code /health}; tags {@code v1} and {@code v2}.
     */
    public static final String WEB = "dinp-test/web";
    /** A web image whose {@code /health} does not exist (404): a release that never becomes healthy. */
    public static final String WEB_BROKEN = "dinp-test/web:broken";
    /**
     * A web server that logs every request on stderr ({@code url:/path} and {@code response:200}
     * lines) and prints {@code started <instance>} on stdout when it starts.
     */
    public static final String LOGGER = "dinp-test/logger:v1";
    /**
     * Serves {@code ok} on {@code /} and prints lines as fast as the shell can, in bursts of 100
     * with a pause of {@code $PAUSE_US} microseconds between (default 10000):
     * {@code <instance> line <n>}.
     */
    public static final String CHATTY = "dinp-test/chatty:v1";
    /**
     * Built like a stack that allows a read-only root file system (label {@code io.dinp.read-only=true}):
     * writes only under {@code /tmp}; serves {@code ok} on {@code /} and, on {@code /env}, the
     * value of the variable that {@code $ECHO_VAR} names — how tests see what a container got.
     */
    public static final String ENV_ECHO = "dinp-test/env-echo:v1";
    /** The versions {@link #ensureHello(String)} knows how to build. */
    public static final List<String> HELLO_VERSIONS = List.of(V1, V2);

    private static final Path BUSYBOX = Paths.get("/usr/bin/busybox");

    private TestImages() {
    }

    /** Builds every test image that is missing. */
    public static void ensureAll() {
        for (String v : HELLO_VERSIONS) {
            ensureHello(v);
        }
        ensureCrash();
        ensureLogger();
        ensureChatty();
        for (String v : List.of(V1, V2, "broken")) {
            ensureWeb(v);
        }
        ensureEnvEcho();
    }

    /** The env-echo image, built if missing. */
    public static String ensureEnvEcho() {
        String script = """
                #!/bin/sh
                mkdir -p /tmp/www
                echo ok > /tmp/www/index.html
                if [ -n "$ECHO_VAR" ]; then eval "printf '%s' \"\\$$ECHO_VAR\"" > /tmp/www/env; fi
                exec httpd -f -p "0.0.0.0:${PORT:-8080}" -h /tmp/www
                """;
        return ensure(ENV_ECHO, script, "LABEL io.dinp.read-only=\"true\"\n");
    }

    /** The hello image of this version ({@code v1} or {@code v2}), built if missing. */
    public static String ensureHello(String version) {
        if (!HELLO_VERSIONS.contains(version)) {
            throw new IllegalArgumentException("no hello image for version " + version + "; known: " + HELLO_VERSIONS);
        }
        String script = """
                #!/bin/sh
                mkdir -p /www
                echo "instance=$DINP_INSTANCE version=%s" > /www/index.html
                exec httpd -f -p "0.0.0.0:${PORT:-8080}" -h /www
                """.formatted(version);
        return ensure("dinp-test/hello:" + version, script);
    }

    /** {@code dinp-test/web:<version>} for v1, v2 or broken (no {@code /health}), built if missing. */
    public static String ensureWeb(String version) {
        if (!List.of(V1, V2, "broken").contains(version)) {
            throw new IllegalArgumentException("no web image for version " + version);
        }
        String health = version.equals("broken") ? "" : "echo ok > /www/health";
        String script = """
                #!/bin/sh
                mkdir -p /www
                echo "instance=$DINP_INSTANCE version=%s" > /www/index.html
                %s
                exec httpd -f -p "0.0.0.0:${PORT:-8080}" -h /www
                """.formatted(version, health);
        return ensure(WEB + ":" + version, script);
    }

    /** The logger image, built if missing. */
    public static String ensureLogger() {
        String script = """
                #!/bin/sh
                mkdir -p /www
                echo "instance=$DINP_INSTANCE" > /www/index.html
                echo "started $DINP_INSTANCE"
                exec httpd -f -vv -p "0.0.0.0:${PORT:-8080}" -h /www
                """;
        return ensure(LOGGER, script);
    }

    /** The chatty image, built if missing. */
    public static String ensureChatty() {
        String script = """
                #!/bin/sh
                mkdir -p /www
                echo ok > /www/index.html
                httpd -p "0.0.0.0:${PORT:-8080}" -h /www
                i=0
                while true; do
                  n=0
                  while [ $n -lt 100 ]; do
                    echo "$DINP_INSTANCE line $i"
                    i=$((i+1)); n=$((n+1))
                  done
                  usleep "${PAUSE_US:-10000}"
                done
                """;
        return ensure(CHATTY, script);
    }

    /** The crash image, built if missing. */
    public static String ensureCrash() {
        String script = """
                #!/bin/sh
                echo "crash: exiting with 1 on purpose"
                exit 1
                """;
        return ensure(CRASH, script);
    }

    private static String ensure(String image, String startScript) {
        return ensure(image, startScript, "");
    }

    // synchronized: tests of one JVM may ask for the same image from several threads
    private static synchronized String ensure(String image, String startScript, String moreDockerfile) {
        if (Docker.succeeds("image", "inspect", image)) {
            return image;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dinp-image-");
            Files.copy(BUSYBOX, dir.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            Path start = dir.resolve("start");
            Files.writeString(start, startScript);
            Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("Dockerfile"), """
                    FROM scratch
                    COPY busybox /bin/busybox
                    RUN ["/bin/busybox", "--install", "-s", "/bin"]
                    COPY start /start
                    CMD ["/start"]
                    """ + moreDockerfile);
            Docker.run("build", "-q", "-t", image, dir.toString());
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build context of " + image, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless; the image is what matters
        }
    }
}
