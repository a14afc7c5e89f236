package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dinp releases}: an app's releases, newest first, and which one runs. */
@Command(name = "releases", mixinStandardHelpOptions = true, description = "List an app's releases, newest first; * marks the one running.")
final class ReleasesCommand extends ListingCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Override
    String path() {
        return appPath(app) + "/releases";
    }

    @Override
    Table table(JsonNode list) {
        Table t = new Table("", "VERSION", "CREATED", "BY", "IMAGE", "NOTE");
        for (JsonNode r : list) {
            String note = r.hasNonNull("failedAt") ? "failed: " + r.path("failure").asText()
                    : r.path("pruned").asBoolean() ? "image deleted by retention" : r.path("note").asText(null);
            t.row(r.path("current").asBoolean() ? "*" : "", r.path("version").asText(), r.path("createdAt").asText(),
                    r.path("createdBy").asText(), r.path("image").asText(), note);
        }
        return t;
    }

    @Override
    String emptyHint() {
        return app + " has no releases yet: dinp deploy " + app + " ARTIFACT --stack STACK";
    }
}
