package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dinp builds}: an app's builds, newest first. */
@Command(name = "builds", mixinStandardHelpOptions = true, description = "List an app's builds, newest first, with why failed ones failed.")
final class BuildsCommand extends ListingCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Override
    String path() {
        return appPath(app) + "/builds";
    }

    @Override
    Table table(JsonNode list) {
        Table t = new Table("BUILD", "VERSION", "STACK", "STATUS", "TOOK", "CREATED", "BY", "FAILURE");
        for (JsonNode b : list) {
            String failure = b.hasNonNull("failure") ? b.get("failure").asText().lines().findFirst().orElse("") : null;
            t.row(b.path("id").asText(), b.path("version").asText(), b.path("stack").asText(), b.path("status").asText(),
                    b.hasNonNull("durationMs") ? b.get("durationMs").asLong() / 1000 + "s" : null, b.path("createdAt").asText(),
                    b.path("createdBy").asText(null), failure);
        }
        return t;
    }

    @Override
    String emptyHint() {
        return app + " has no builds: dinp deploy " + app + " ARTIFACT --stack STACK";
    }
}
