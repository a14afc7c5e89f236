package io.dinp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The {@code dinp} CLI as a user runs it: a process of its own, with its own configuration directory. */
final class Cli {
    private static final long MAX_MINUTES = 8;
    final Path configHome;
    private final Map<String, String> env = new HashMap<>();

    Cli() throws IOException {
        configHome = Files.createTempDirectory("dinp-cli-");
        env.put("XDG_CONFIG_HOME", configHome.toString());
    }

    Cli withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** An ended command: its exit code and what it wrote. */
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", DinpProcess.jar().getAbsolutePath()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // whatever the machine running the tests has set must not decide which API is used
        pb.environment().remove("DINP_API");
        pb.environment().remove("DINP_TOKEN");
        pb.environment().remove("DINP_CONFIG");
        pb.environment().remove("DINP_CA_CERT");
        pb.environment().putAll(env);
        return pb;
    }

    Result run(String... args) {
        return input("", args);
    }

    /** Runs with {@code stdin} as its input (not a terminal). */
    Result input(String stdin, String... args) {
        try {
            Path out = Files.createTempFile(configHome, "out", ".txt");
            Path err = Files.createTempFile(configHome, "err", ".txt");
            Path in = Files.writeString(Files.createTempFile(configHome, "in", ".txt"), stdin);
            Process p = builder(args).redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(MAX_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("dinp " + String.join(" ", args) + " still ran after " + MAX_MINUTES + " minutes");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A command that goes on (e.g. {@code logs -f}): its output lines as they come. */
    static final class Running implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Process process;

        Running(Process process, boolean paused) {
            this.process = process;
            if (!paused) {
                resume();
            }
        }

        /** Starts reading its output (a paused one's pipe fills up and blocks it meanwhile). */
        void resume() {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the process was stopped
                }
            });
        }

        boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    Running start(String... args) throws IOException {
        return start(false, args);
    }

    /** @param paused nobody reads its output until {@link Running#resume()}: a reader that fell behind */
    Running start(boolean paused, String... args) throws IOException {
        Path err = Files.createTempFile(configHome, "err", ".txt");
        return new Running(builder(args).redirectError(err.toFile()).start(), paused);
    }
}
