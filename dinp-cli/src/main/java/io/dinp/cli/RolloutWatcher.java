package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits for a change to an app to be done, saying how far it got each time that changes. */
final class RolloutWatcher {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ApiClient api;
    private final PrintStream err;
    private final Duration timeout;

    RolloutWatcher(ApiClient api, PrintStream err, Duration timeout) {
        this.api = api;
        this.err = err;
        this.timeout = timeout;
    }

    /** Returns once done; throws {@link CliException} (exit 1) when it failed or took longer than the timeout. */
    void await(String app, Rollout.Expectation e) throws InterruptedException {
        String path = ClientCommand.appPath(app);
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProgress = null;
        List<String> lastLog = List.of();
        while (true) {
            JsonNode a = api.get(path);
            JsonNode instances = api.get(path + "/instances");
            JsonNode releases = e.release() == null ? null : api.get(path + "/releases");
            switch (Rollout.judge(a, instances, releases, e)) {
                case Rollout.Verdict.Done d -> {
                    err.println("  " + d.status());
                    return;
                }
                case Rollout.Verdict.Failed f -> throw new CliException(ExitCodes.FAILED, f.why()
                        + "\n  see: dinp logs " + app + ", dinp events " + app);
                case Rollout.Verdict.Waiting w -> {
                    if (!w.progress().equals(lastProgress)) {
                        err.println("  " + w.progress());
                        lastProgress = w.progress();
                    }
                }
            }
            List<String> log = new ArrayList<>();
            a.path("lastLog").forEach(l -> log.add(l.asText()));
            if (!log.isEmpty() && !log.equals(lastLog)) {
                err.println("  last lines of the crashed instance:");
                log.forEach(l -> err.println("    " + l));
                lastLog = log;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.FAILED, "gave up waiting after " + timeout.toSeconds() + " s: "
                        + a.path("status").asText() + "\n  the platform keeps trying; see dinp info " + app + ", dinp logs " + app);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
