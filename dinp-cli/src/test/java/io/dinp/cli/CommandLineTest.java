package io.dinp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client commands say and answer before they reach any API. */
class CommandLineTest {
    @TempDir
    Path home;

    @Test
    void withoutALoginEveryCommandSaysHowToLogIn() {
        for (String[] args : new String[][] {{"apps"}, {"info", "web"}, {"logs", "web"}, {"nodes"}, {"whoami"}}) {
            TestContext t = TestContext.with(Map.of());
            assertThat(t.run(home, args)).as(String.join(" ", args)).isEqualTo(ExitCodes.AUTH);
            assertThat(t.err()).isEqualTo("dinp: not logged in: run dinp login --api URL --token TOKEN (or set DINP_API and DINP_TOKEN)\n");
        }
    }

    @Test
    void badCommandLinesExitWithTwoAndSayWhy() {
        record Case(String why, String... args) {
        }
        Map<String, String> env = Map.of("DINP_API", "http://127.0.0.1:1", "DINP_TOKEN", "t");
        for (Case c : new Case[] {
                new Case("either an ARTIFACT", "deploy", "web"),
                new Case("either an ARTIFACT", "deploy", "web", "a.tgz", "--image", "x"),
                new Case("--stack is required", "deploy", "web", "a.tgz"),
                new Case("cannot read the artifact", "deploy", "web", "/no/such/file.tgz", "--stack", "jar"),
                new Case("Missing required option: '--api=URL'", "login", "--token", "x"),
                new Case("mutually exclusive", "login", "--api", "http://x", "--token", "x", "--user", "u"),
                new Case("dash's URL", "login", "--api", "ftp://x", "--token", "x"),
                new Case("expected K=V", "env", "set", "web", "NOEQUALS"),
                new Case("not an environment variable name", "env", "set", "web", "1X=2"),
                new Case("which app?", "env"),
                new Case("not a duration", "scale", "web", "2", "--timeout", "soon"),
                new Case("needs confirmation", "delete", "web"),
                new Case("no completion for fish", "completion", "fish"),
                new Case("Unmatched argument", "apps", "extra")}) {
            TestContext t = TestContext.with(env);
            assertThat(t.run(home, c.args())).as(String.join(" ", c.args())).isEqualTo(ExitCodes.USAGE);
            assertThat(t.err()).as(String.join(" ", c.args())).contains(c.why());
        }
    }

    @Test
    void anUnreachableApiIsSaidWithItsAddressAndTheFix() {
        TestContext t = TestContext.with(Map.of("DINP_API", "http://127.0.0.1:1", "DINP_TOKEN", "t"));
        assertThat(t.run(home, "apps")).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(t.err()).startsWith("dinp: cannot reach the API at http://127.0.0.1:1").contains("dinp login --api URL");
    }

    @Test
    void helpIsEverywhereAndCompletionCoversEveryCommand() {
        for (Class<?> c : CliCommands.ALL) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            TestContext t = TestContext.with(Map.of());
            assertThat(t.run(home, name, "--help")).as(name).isZero();
            assertThat(t.out()).as(name).startsWith("Usage: dinp " + name);
        }
        TestContext t = TestContext.with(Map.of());
        assertThat(t.run(home, "completion", "bash")).isZero();
        assertThat(t.out()).contains("complete -F").contains("deploy").contains("--stack").contains("logs");
    }

    @Test
    void logoutWithoutALoginIsFine() {
        TestContext t = TestContext.with(Map.of());
        assertThat(t.run(home, "logout")).isZero();
        assertThat(t.out()).startsWith("Not logged in");
    }

    @Test
    void aStoredTokenIsNeverSentToAnotherApi() {
        new ConfigStore(TestContext.with(Map.of()).ctx(home).configFile()).save(new CliConfig("http://127.0.0.1:1", "stored", null));
        TestContext other = TestContext.with(Map.of("DINP_API", "http://127.0.0.2:1"));
        assertThat(other.run(home, "apps")).isEqualTo(ExitCodes.AUTH);
        assertThat(other.err()).contains("not logged in");
        TestContext same = TestContext.with(Map.of("DINP_API", "http://127.0.0.1:1/api/v1"));
        assertThat(same.run(home, "apps")).as("the stored token goes to its own API").isEqualTo(ExitCodes.UNREACHABLE);
    }
}
