package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dinp ps}: an app's instances, where they run and how they are. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List an app's instances: node, state, health, address, age.")
final class PsCommand extends ListingCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Override
    String path() {
        return appPath(app) + "/instances";
    }

    @Override
    Table table(JsonNode list) {
        Table t = new Table("INSTANCE", "NODE", "STATE", "HEALTH", "ADDRESS", "AGE", "IMAGE", "NOTE");
        Instant now = Instant.now();
        for (JsonNode i : list) {
            String note = i.hasNonNull("error") ? i.get("error").asText()
                    : "unhealthy".equals(i.path("health").asText()) ? i.path("healthReason").asText() : null;
            t.row(i.path("id").asText(), i.path("node").asText(), i.path("state").asText(), i.path("health").asText(),
                    i.path("address").asText(null), age(i.path("assignedAt").asText(null), now), i.path("image").asText(), note);
        }
        return t;
    }

    @Override
    String emptyHint() {
        return app + " has no instances (dinp scale " + app + " N)";
    }

    static String age(String since, Instant now) {
        if (since == null) {
            return null;
        }
        long s = Math.max(0, Duration.between(Instant.parse(since), now).toSeconds());
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
    }
}
