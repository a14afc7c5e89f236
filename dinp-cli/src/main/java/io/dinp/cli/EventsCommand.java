package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dinp events}: what happened to an app and who did it, newest first. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Show an app's audit log, newest first: what changed, who, when.")
final class EventsCommand extends ListingCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Override
    String path() {
        return appPath(app) + "/events";
    }

    @Override
    Table table(JsonNode list) {
        Table t = new Table("TIME", "EVENT", "BY", "WHAT");
        for (JsonNode e : list) {
            t.row(e.path("at").asText(), e.path("kind").asText(), e.path("actor").asText(), e.path("message").asText());
        }
        return t;
    }

    @Override
    String emptyHint() {
        return null;
    }
}
