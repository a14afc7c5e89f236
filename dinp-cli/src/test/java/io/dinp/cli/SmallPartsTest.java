package io.dinp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void apiUrlsAreDashsBaseWhateverTheUserPasted() {
        assertThat(ApiUrl.normalize("http://127.0.0.1:7070/api/v1")).isEqualTo("http://127.0.0.1:7070");
        assertThat(ApiUrl.normalize(" https://dinp.example/ ")).isEqualTo("https://dinp.example");
        for (String bad : new String[] {"127.0.0.1:7070", "ftp://x", "http://", "http://x/other", "http://u:p@x"}) {
            assertThatThrownBy(() -> ApiUrl.normalize(bad)).as(bad).isInstanceOf(CliException.class);
        }
    }

    @Test
    void durationsAsPeopleWriteThem() {
        assertThat(DurationParser.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationParser.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> DurationParser.parse("5")).hasMessageContaining("30s, 10m");
    }

    @Test
    void envPairsKeepEqualsSignsInValuesAndChangesNameNoValue() {
        assertThat(EnvSetCommand.parse(List.of("A=1", "URL=x=y", "EMPTY="))).containsExactly(
                Map.entry("A", "1"), Map.entry("URL", "x=y"), Map.entry("EMPTY", ""));
        assertThat(EnvChange.changed(Map.of("A", "1", "B", "secret", "C", "same"), Map.of("A", "2", "C", "same", "D", "new")))
                .containsExactly("~A", "-B", "+D");
    }

    @Test
    void secretsAreReadForBareNamesAndShownAsNamesOnly() {
        List<String> asked = new java.util.ArrayList<>();
        Map<String, String> set = EnvSetCommand.parseSecrets(List.of("TOKEN", "URL=x=y", "KEY"), name -> {
            asked.add(name);
            return "value-of-" + name;
        });
        assertThat(asked).containsExactly("TOKEN", "KEY");
        assertThat(set).containsExactly(Map.entry("TOKEN", "value-of-TOKEN"), Map.entry("URL", "x=y"), Map.entry("KEY", "value-of-KEY"));
        // a masked secret set anew, a plain one now secret, an unchanged secret: names, never values
        assertThat(EnvChange.changed(Map.of("S", "********", "P", "plain", "K", "********"),
                Map.of("S", "new-value", "P", "plain", "K", "********"), java.util.Set.of("S", "K"), java.util.Set.of("S", "P", "K")))
                .containsExactly("~P (secret)", "~S (secret)");
    }

    @Test
    void aSecretFromStdinStaysOffTheCommandLine() throws Exception {
        TestContext t = TestContext.with(Map.of("DINP_API", "http://127.0.0.1:1", "DINP_TOKEN", "t"));
        t.stdin = "";
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("dinp-cli-test-");
        assertThat(t.run(home, "env", "set", "--secret", "web", "TOKEN")).isEqualTo(ExitCodes.USAGE);
        assertThat(t.err()).contains("no value for the secret TOKEN");
    }

    @Test
    void theNextVersionFollowsTheHighestNumber() throws Exception {
        assertThat(DeployCommand.nextVersion(ApiClient.JSON.readTree("[]"))).isEqualTo("1");
        assertThat(DeployCommand.nextVersion(ApiClient.JSON.readTree(
                "[{\"version\":\"v9\"},{\"version\":\"3\"},{\"version\":\"12\"}]"))).isEqualTo("13");
    }

    @Test
    void uploadProgressIsABarOnATerminalAndQuartersElsewhere() {
        assertThat(UploadProgress.bar("app.tgz", 512 * 1024, 1024 * 1024))
                .isEqualTo("uploading app.tgz [###############...............]  50% 0.5 MB / 1.0 MB");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        UploadProgress p = new UploadProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, "a.tgz", 100);
        for (long sent = 10; sent <= 100; sent += 10) {
            p.accept(sent);
        }
        p.done();
        assertThat(buf.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "uploading a.tgz: 10% of 0.0 MB", "uploading a.tgz: 30% of 0.0 MB", "uploading a.tgz: 50% of 0.0 MB",
                "uploading a.tgz: 80% of 0.0 MB", "uploading a.tgz: 100% of 0.0 MB");
    }

    @Test
    void tablesPadColumnsToTheWidestCell() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new Table("NAME", "STATE").row("hello", "running").row("a", null).print(new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("NAME   STATE\nhello  running\na      -\n");
    }

    @Test
    void aLogLineIsItsInstanceAndText() throws Exception {
        var e = ApiClient.JSON.readTree("{\"instance\":\"83cfabb062\",\"time\":\"2026-12-04T10:00:00Z\",\"line\":\"GET /\"}");
        assertThat(LogsCommand.format(e, false)).isEqualTo("83cfabb062 GET /");
        assertThat(LogsCommand.format(e, true)).isEqualTo("2026-12-04T10:00:00Z 83cfabb062 GET /");
    }
}
