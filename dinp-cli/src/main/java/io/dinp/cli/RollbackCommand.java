package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dinp rollback}: back to the release before the current one, or to a given one. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Go back to the previous release, or to VERSION.", "Waits until it serves."})
final class RollbackCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "the release to go back to (default: the one before the current)")
    String version;

    @Mixin
    WaitOptions wait;

    @Override
    int run() throws Exception {
        String path = appPath(app);
        JsonNode before = api().get(path);
        Set<String> oldHashes = Rollout.hashes(api().get(path + "/instances"));
        JsonNode r = version == null ? api().call("POST", path + "/rollback", null)
                : api().call("POST", path + "/releases/" + ApiClient.enc(version) + "/deploy", null);
        String target = r.path("release").asText();
        boolean sameImage = r.path("image").asText().equals(before.path("image").asText());
        err().println("Rolling " + app + " back to release " + target + ":");
        String failedBefore = Rollout.failedAt(api().get(path + "/releases"), target);
        wait.await(this, app, new Rollout.Expectation(r.path("generation").asLong(), sameImage ? Set.of() : oldHashes, target,
                failedBefore));
        out().println(app + " runs release " + target + ".");
        return ExitCodes.OK;
    }
}
