package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dinp info}: one app, all of it. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show an app: status, spec, URL, domains, health check.")
final class InfoCommand extends ClientCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Mixin
    JsonOption json;

    @Override
    int run() {
        JsonNode a = api().get(appPath(app));
        if (json.json) {
            JsonOption.print(out(), a);
            return ExitCodes.OK;
        }
        List<String> env = new ArrayList<>();
        java.util.Set<String> secret = EnvCommand.secretNames(a);
        a.path("env").fieldNames().forEachRemaining(k -> env.add(secret.contains(k) ? k + " (secret)" : k));
        List<String> domains = new ArrayList<>();
        a.path("domains").forEach(d -> domains.add(d.asText()));
        JsonNode h = a.path("health");
        Table t = new Table("", "");
        t.row("name:", a.path("name").asText())
                .row("status:", a.path("status").asText())
                .row("instances:", a.path("counts").path("running").asInt() + " of " + a.path("instances").asInt() + " serve ("
                        + a.path("counts").path("total").asInt() + " exist)")
                .row("memory:", a.path("memory").asInt() + " MB each")
                .row("image:", a.path("image").asText("(none yet)"))
                .row("url:", a.path("url").asText())
                .row("domains:", domains.isEmpty() ? "-" : String.join(", ", domains))
                .row("env:", env.isEmpty() ? "-" : String.join(", ", env) + "   (values: dinp env " + app + ")")
                .row("health:", "GET " + h.path("path").asText("/") + " -> " + h.path("minStatus").asInt() + "-"
                        + h.path("maxStatus").asInt() + ", every " + h.path("intervalMs").asLong() + " ms, grace "
                        + h.path("startupGraceMs").asLong() / 1000 + " s")
                .row("generation:", a.path("generation").asLong());
        t.print(out());
        if (a.path("lastLog").size() > 0) {
            out().println("last lines of the latest crashed instance:");
            a.path("lastLog").forEach(l -> out().println("  " + l.asText()));
        }
        return ExitCodes.OK;
    }
}
