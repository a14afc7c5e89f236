package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dinp scale}: how many instances, and optionally their memory; waits until it is so. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Set an app's number of instances, and their memory.", "Waits until exactly N serve.",
                "A memory change replaces the instances one at a time, like a deploy."})
final class ScaleCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "N", description = "instances, 0 stops the app")
    int instances;

    @Option(names = "--memory", paramLabel = "MB", description = "memory limit of each instance in MB")
    Integer memory;

    @Mixin
    WaitOptions wait;

    @Override
    int run() throws Exception {
        String path = appPath(app);
        JsonNode before = api().get(path);
        Set<String> oldHashes = Rollout.hashes(api().get(path + "/instances"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instances", instances);
        boolean respec = memory != null && memory != before.path("memory").asInt();
        if (memory != null) {
            body.put("memory", memory);
        }
        JsonNode after = api().call("PATCH", path, body);
        err().println("Scaling " + app + " to " + instances + (respec ? " x " + memory + " MB" : "") + ":");
        wait.await(this, app, new Rollout.Expectation(after.path("generation").asLong(), respec ? oldHashes : Set.of(), null));
        out().println(app + ": " + instances + " instance" + (instances == 1 ? "" : "s") + " of " + after.path("memory").asInt() + " MB");
        return ExitCodes.OK;
    }
}
