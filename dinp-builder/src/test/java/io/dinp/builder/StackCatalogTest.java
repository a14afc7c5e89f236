package io.dinp.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCatalogTest {
    @TempDir
    Path context;

    @Test
    void knowsEveryStackWithItsDefaultBase() {
        StackCatalog c = StackCatalog.load(Map.of());
        assertThat(c.names()).containsExactlyInAnyOrder("jar", "war", "binary", "python", "node", "static", "dockerfile");
        assertThat(c.base("jar")).isEqualTo("dinp/jre:17");
        assertThat(c.base("dockerfile")).isNull();
    }

    @Test
    void aConfiguredBaseReplacesTheDefaultAndAnUnknownStackIsRefused() {
        assertThat(StackCatalog.load(Map.of("jar", "eclipse-temurin:21-jre")).base("jar")).isEqualTo("eclipse-temurin:21-jre");
        assertThatThrownBy(() -> StackCatalog.load(Map.of("cobol", "x"))).hasMessageContaining("no stack named cobol");
    }

    @Test
    void rendersTheDockerfileAndSupportFiles() throws Exception {
        Files.createDirectories(context.resolve("app"));
        Path dockerfile = StackCatalog.load(Map.of()).render("war", context, null);
        assertThat(Files.readString(dockerfile)).contains("FROM dinp/tomcat:10").doesNotContain("{{");
        assertThat(context.resolve("dinp/start.sh")).exists();
        assertThat(context.resolve("dinp/run.sh")).exists();
    }

    @Test
    void stacksThatWriteOnlyToTmpAskForAReadOnlyRoot() throws Exception {
        StackCatalog c = StackCatalog.load(Map.of());
        for (String stack : java.util.List.of("jar", "python", "node", "static", "binary", "war")) {
            Path dir = Files.createDirectories(context.resolve(stack).resolve("app")).getParent();
            String dockerfile = Files.readString(c.render(stack, dir, null));
            if (stack.equals("war")) {
                // Tomcat writes under CATALINA_BASE (the unpacked war, compiled JSPs)
                assertThat(dockerfile).doesNotContain("io.dinp.read-only");
            } else {
                assertThat(dockerfile).as(stack).contains("LABEL io.dinp.read-only=\"true\"");
            }
        }
    }

    @Test
    void theStartCommandIsJsonEscapedIntoTheExecFormCmd() throws Exception {
        Files.createDirectories(context.resolve("app"));
        Path dockerfile = StackCatalog.load(Map.of()).render("binary", context, "./serve \"a b\" \\x");
        assertThat(Files.readString(dockerfile)).contains("\"./serve \\\"a b\\\" \\\\x\"");
    }

    @Test
    void theDockerfileStackUsesTheArtifactsOwn() throws Exception {
        Files.createDirectories(context.resolve("app"));
        assertThatThrownBy(() -> StackCatalog.load(Map.of()).render("dockerfile", context, null))
                .hasMessageContaining("Dockerfile");
        Files.writeString(context.resolve("app/Dockerfile"), "FROM scratch\n");
        assertThat(StackCatalog.load(Map.of()).render("dockerfile", context, null)).isEqualTo(context.resolve("app/Dockerfile"));
    }
}
