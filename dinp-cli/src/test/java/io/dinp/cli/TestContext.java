package io.dinp.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** A world for client commands under test: given environment, captured output, no terminal. */
final class TestContext {
    final Map<String, String> env;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    String stdin = "";

    private TestContext(Map<String, String> env) {
        this.env = env;
    }

    static TestContext with(Map<String, String> env) {
        return new TestContext(env);
    }

    CliContext ctx(Path home) {
        return new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                home, fd -> false, null);
    }

    /** Runs {@code dinp ARGS} with only the client commands; answers the exit code. */
    int run(Path home, String... args) {
        @CommandLine.Command(name = "dinp")
        final class Root {
        }
        return CliCommands.commandLine(new Root(), ctx(home)).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
