package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dinp apps}: every app the token may see, with how it is doing. */
@Command(name = "apps", mixinStandardHelpOptions = true, description = "List apps: state, instances, memory, image, URL.")
final class AppsCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    int run() {
        JsonNode apps = api().get("/api/v1/apps");
        if (json.json) {
            JsonOption.print(out(), apps);
            return ExitCodes.OK;
        }
        Table t = new Table("NAME", "STATE", "INSTANCES", "MEMORY", "IMAGE", "URL");
        for (JsonNode a : apps) {
            t.row(a.path("name").asText(), a.path("state").asText(),
                    a.path("counts").path("running").asInt() + "/" + a.path("instances").asInt(),
                    a.path("memory").asInt() + " MB", a.path("image").asText(null), a.path("url").asText());
        }
        if (t.isEmpty()) {
            err().println("No apps yet: dinp create APP");
        } else {
            t.print(out());
        }
        return ExitCodes.OK;
    }
}
