package io.dinp.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.cli.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A role run alone ({@code dinp agent …}) answers its arguments as the whole launcher does. */
class RoleAloneTest {
    /** What a command line printed and returned. */
    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(CommandLine cl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cl.execute(args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CommandLine whole() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Dinp.commandLine(new CliContext(Map.of(), InputStream.nullInputStream(), sink, sink, Path.of("/nonexistent"),
                fd -> false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "server", "agent", "router", "hm", "dash", "builder"})
    void helpVersionAndMistakesAreTheWholeLaunchers(String role) {
        for (String[] args : new String[][] {{role, "--help"}, {role, "-V"}, {role, "--no-such-option"}}) {
            assertThat(run(Dinp.roleAlone(role), args)).as(String.join(" ", args)).isEqualTo(run(whole(), args));
        }
    }

    @Test
    void everyRoleOfTheLauncherRunsAloneAndNothingElse() {
        // the launcher's own subcommands but help and the short-lived test and stacks: the long-running roles
        Set<String> roles = List.of(Dinp.class.getAnnotation(CommandLine.Command.class).subcommands()).stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c != TestCommand.class && c != StacksCommand.class)
                .map(c -> c.getAnnotation(CommandLine.Command.class).name()).collect(Collectors.toSet());
        assertThat(roles).contains("agent", "server", "router");
        whole().getSubcommands().keySet().forEach(name ->
                assertThat(Dinp.roleAlone(name) != null).as(name).isEqualTo(roles.contains(name)));
        assertThat(Dinp.roleAlone("--help")).isNull();
    }
}
