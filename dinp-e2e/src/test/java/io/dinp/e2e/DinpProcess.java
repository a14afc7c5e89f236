package io.dinp.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One DINP role running as its own process from the shaded launcher, its output in a log file. */
final class DinpProcess implements AutoCloseable {
    private final String name;
    private final List<String> command;
    /** Where {@code -Xmx} stands in {@link #command}. */
    private final int heapAt;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    /** Where this run's output starts in the log, which keeps the runs of earlier builds too. */
    private long outputStart;

    DinpProcess(String name, Map<String, String> env, String... args) {
        this(name, env, List.of(), args);
    }

    /**
     * @param wrapper a command the JVM runs under, which must exec it in its place (e.g. {@code ip
     *                netns exec NS}): the process's pid and signals are then the JVM's
     */
    DinpProcess(String name, Map<String, String> env, List<String> wrapper, String... args) {
        this.name = name;
        this.env = new java.util.HashMap<>(env);
        this.command = new ArrayList<>(wrapper);
        heapAt = wrapper.size() + 1;
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(System.getProperty("dinp.jar", "../dinp-dist/target/dinp.jar"));
        command.addAll(List.of(args));
        this.log = Path.of(System.getProperty("dinp.logs", "target/e2e-logs"), name + ".log");
    }

    /** Runs the JVM with this maximum heap (e.g. {@code 64m}) instead of 256m. */
    DinpProcess withHeap(String xmx, String... jvmOptions) {
        command.set(heapAt, "-Xmx" + xmx);
        command.addAll(heapAt + 1, List.of(jvmOptions));
        return this;
    }

    /**
     * Runs the JVM as {@code ./dinp ROLE} does: the flags of scripts/lib.sh's {@code dinp_java_opts ROLE}
     * (for the JDK running the tests) after -Xmx256m, so they win, in the environment of {@code dinp_java_env ROLE}.
     */
    DinpProcess withLauncherJvm(String role) throws IOException, InterruptedException {
        Path lib = Path.of(System.getProperty("dinp.scripts", "../scripts"), "lib.sh");
        // the operator's own settings stay out: the launcher's are what is tested
        Process p = new ProcessBuilder("bash", "-c", "unset DINP_JAVA_OPTS MALLOC_ARENA_MAX; . \"$0\"; DINP_JAVA_HOME=\"$1\"; "
                + "dinp_java_env \"$2\"; echo; dinp_java_opts \"$2\"; echo", lib.toString(), System.getProperty("java.home"), role)
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        if (p.waitFor() != 0 || lines.size() != 2) {
            throw new IOException("dinp_java_env/dinp_java_opts " + role + " from " + lib + " answered " + lines);
        }
        for (String word : lines.get(0).split(" ")) {
            if (!word.isEmpty()) {
                env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            }
        }
        command.addAll(heapAt + 1, List.of(lines.get(1).trim().split(" +")));   // after -Xmx256m: its -Xmx wins
        return this;
    }

    /** Where its output goes. */
    Path logFile() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    DinpProcess start() throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Files.writeString(log, "=== start " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (process == null) {
            outputStart = Files.size(log);
        }
        process = pb.start();
        return this;
    }

    /** The exit code once the process has ended by itself; fails if it still runs after {@code limit}. */
    int waitFor(java.time.Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + limit + ":\n" + logTail());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops the process the way an operator would (SIGTERM), then for good. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Kills the process without a chance to clean up, as a crash would. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Everything the process wrote since this object first started it (restarts included), stdout and stderr. */
    String output() {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) outputStart, all.length - (int) outputStart, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The process's command line as the kernel shows it to every user (ps, /proc/PID/cmdline). */
    String commandLine() throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Appends {@code more} to the command line (before it starts). */
    DinpProcess withArgs(List<String> more) {
        command.addAll(more);
        return this;
    }

    static File jar() {
        return new File(System.getProperty("dinp.jar", "../dinp-dist/target/dinp.jar"));
    }
}
