package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dinp domains APP}: the custom domains routed to an app; {@code add} and {@code remove} change them. */
@Command(name = "domains", mixinStandardHelpOptions = true,
        description = {"List, add or remove an app's custom domains.",
                "  dinp domains APP                 the domains routed to the app",
                "  dinp domains add APP DOMAIN      route www.example.com (or *.example.com) to it",
                "  dinp domains remove APP DOMAIN   stop routing it"},
        subcommands = {DomainsCommand.Add.class, DomainsCommand.Remove.class})
final class DomainsCommand extends ClientCommand {
    @Parameters(arity = "0..1", paramLabel = "APP")
    String app;

    @Mixin
    JsonOption json;

    @Override
    int run() {
        if (app == null) {
            throw CliException.usage("which app? dinp domains APP, dinp domains add APP DOMAIN, dinp domains remove APP DOMAIN");
        }
        JsonNode list = api().get(appPath(app) + "/domains");
        if (json.json) {
            JsonOption.print(out(), list);
            return ExitCodes.OK;
        }
        list.forEach(d -> out().println(d.asText()));
        if (list.isEmpty()) {
            err().println(app + " has no custom domains: dinp domains add " + app + " DOMAIN");
        }
        return ExitCodes.OK;
    }

    /** {@code dinp domains add APP DOMAIN}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Route a domain (or *.domain) to an app.")
    static final class Add extends ClientCommand {
        @Parameters(index = "0", paramLabel = "APP")
        String app;

        @Parameters(index = "1", paramLabel = "DOMAIN")
        String domain;

        @Override
        int run() {
            ApiClient.Reply r = api().send("POST", appPath(app) + "/domains", Map.of("domain", domain));
            if (!r.ok()) {
                throw api().error(r);
            }
            String bound = r.body().path("domain").asText(domain);
            out().println(r.status() == 201 ? bound + " now routes to " + app + "." : app + " already had " + bound + ".");
            return ExitCodes.OK;
        }
    }

    /** {@code dinp domains remove APP DOMAIN}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop routing a domain to an app (its certificate goes too).")
    static final class Remove extends ClientCommand {
        @Parameters(index = "0", paramLabel = "APP")
        String app;

        @Parameters(index = "1", paramLabel = "DOMAIN")
        String domain;

        @Override
        int run() {
            api().call("DELETE", appPath(app) + "/domains/" + ApiClient.enc(domain), null);
            out().println(domain + " no longer routes to " + app + ".");
            return ExitCodes.OK;
        }
    }
}
