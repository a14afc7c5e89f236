package io.dinp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tiny wrapper around the {@code docker} CLI for tests: run a command, get its stdout.
 */
public final class Docker {
    private static final long TIMEOUT_MINUTES = 5;

    private Docker() {
    }

    /**
     * Runs {@code docker <args>} and returns its stdout, trimmed.
     *
     * @throws IllegalStateException with the command's stderr when it exits non-zero
     */
    public static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // the host has no buildx; the classic builder is enough for FROM scratch images
        pb.environment().put("DOCKER_BUILDKIT", "0");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // read both streams concurrently so a full stderr pipe cannot block the process
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + p.exitValue() + ": " + err.join().trim());
            }
            return out.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Whether {@code docker <args>} exits with 0, ignoring its output. */
    public static boolean succeeds(String... args) {
        try {
            run(args);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the app networks agents made ({@code io.dinp.network=true}) that no container uses
     * any more; Docker refuses to remove one in use, so other tests' networks stay.
     */
    public static void removeUnusedAppNetworks() {
        for (String id : run("network", "ls", "-q", "--filter", "label=io.dinp.network=true").lines()
                .filter(l -> !l.isBlank()).toList()) {
            String attached = run("network", "inspect", "-f", "{{len .Containers}}", id).strip();
            if ("0".equals(attached)) {
                succeeds("network", "rm", id);
            }
        }
    }
}
