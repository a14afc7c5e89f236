package io.dinp.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DashCommandTest {
    @TempDir
    Path data;

    @Test
    void aTrustedProxyThatIsNoNetworkIsRefusedByNameBeforeAnythingStarts() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DashCommand()).execute("--server", "https://127.0.0.1:7071",
                    "--data-dir", data.toString(), "--trusted-proxy", "10.0.0.0/8,lb.example.com");
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("dinp dash: --trusted-proxy: 'lb.example.com' is not an IP address or network");
        assertThat(data).isEmptyDirectory(); // no database, no keys: nothing was started
    }
}
