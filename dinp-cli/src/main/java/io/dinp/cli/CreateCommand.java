package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dinp create}: a new app, from an image or waiting for its first deploy. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an app.", "Without --image it waits for its first deploy (dinp deploy APP ARTIFACT --stack S)."},
        footer = {"", "Example:", "  dinp create hello --image dinp-test/hello:v1 --instances 3 --memory 128"})
final class CreateCommand extends ClientCommand {
    @Parameters(paramLabel = "APP", description = "the app's name: lower-case letters, digits and '-', starting with a letter")
    String app;

    @Option(names = "--image", paramLabel = "IMG", description = "a Docker image the nodes can pull (or already have)")
    String image;

    @Option(names = "--instances", paramLabel = "N", description = "instances to run (default: 1)")
    Integer instances;

    @Option(names = "--memory", paramLabel = "MB", description = "memory limit of each instance in MB (default: 256)")
    Integer memory;

    @Option(names = "--team", paramLabel = "TEAM", description = "the team that owns the app (servers with accounts)")
    String team;

    @Mixin
    JsonOption json;

    @Override
    int run() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", app);
        if (image != null) {
            body.put("image", image);
        }
        if (instances != null) {
            body.put("instances", instances);
        }
        if (memory != null) {
            body.put("memory", memory);
        }
        if (team != null) {
            body.put("team", team);
        }
        JsonNode created = api().call("POST", "/api/v1/apps", body);
        if (json.json) {
            JsonOption.print(out(), created);
            return ExitCodes.OK;
        }
        out().println("Created " + app + " (" + created.path("instances").asInt() + " x " + created.path("memory").asInt()
                + " MB): " + created.path("url").asText());
        if (image == null) {
            out().println("It waits for its first deploy: dinp deploy " + app + " ARTIFACT --stack STACK, or --image IMG");
        }
        return ExitCodes.OK;
    }
}
