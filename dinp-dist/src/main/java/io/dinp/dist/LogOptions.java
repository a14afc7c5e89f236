package io.dinp.dist;

import io.dinp.agent.logs.AgentLogs;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a node keeps the logs of instances it removed: for {@code dinp agent} and {@code dinp up}. */
final class LogOptions {
    @Option(names = "--log-retention", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long the logs of replaced, crashed or deleted instances stay readable, e.g. 30m, 1h, 2d; "
                    + "0 keeps none (default: ${DEFAULT-VALUE}); kept in DATA_DIR/logs/NODE, at most 512 MB per node")
    Duration retention;

    AgentLogs start(String dockerHost, String nodeId, Path dataDir) {
        return AgentLogs.open(dockerHost, nodeId, dataDir.resolve("logs").resolve(nodeId), retention).start();
    }
}
