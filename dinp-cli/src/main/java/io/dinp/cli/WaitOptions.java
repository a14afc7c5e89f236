package io.dinp.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command that changes an app waits for the change to be done. */
final class WaitOptions {
    @Option(names = "--timeout", defaultValue = "5m", converter = DurationParser.class, paramLabel = "DURATION",
            description = "how long to wait for the change to be done, e.g. 90s, 10m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--no-wait", description = "return once the API took the change, without waiting for it")
    boolean noWait;

    void await(ClientCommand c, String app, Rollout.Expectation e) throws InterruptedException {
        if (noWait) {
            c.err().println("Not waiting: follow it with dinp ps " + app);
            return;
        }
        new RolloutWatcher(c.api(), c.err(), timeout).await(app, e);
    }
}
