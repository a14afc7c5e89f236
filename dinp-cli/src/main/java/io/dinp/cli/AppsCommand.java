package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code dinp apps}: every app the token may see, with how it is doing. */
@Command(name = "apps", mixinStandardHelpOptions = true, description = "List apps: state, instances, memory, image, URL.")
final class AppsCommand extends ListingCommand {
    @Override
    String path() {
        return "/api/v1/apps";
    }

    @Override
    Table table(JsonNode apps) {
        Table t = new Table("NAME", "STATE", "INSTANCES", "MEMORY", "IMAGE", "URL");
        for (JsonNode a : apps) {
            t.row(a.path("name").asText(), a.path("state").asText(),
                    a.path("counts").path("running").asInt() + "/" + a.path("instances").asInt(),
                    a.path("memory").asInt() + " MB", a.path("image").asText(null), a.path("url").asText());
        }
        return t;
    }

    @Override
    String emptyHint() {
        return "No apps yet: dinp create APP";
    }
}
