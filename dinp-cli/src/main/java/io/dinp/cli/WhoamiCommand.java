package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dinp whoami}: the user behind the stored token ({@code GET /api/v1/me}). */
@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show who you are logged in as, and your teams.")
final class WhoamiCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    int run() {
        ApiClient.Reply r = api().send("GET", "/api/v1/me", null);
        if (r.status() == 404) {
            throw new CliException(ExitCodes.NOT_FOUND, "the API at " + api().base() + " has no user accounts "
                    + "(GET /api/v1/me: 404); you are logged in to it with a token");
        }
        if (!r.ok()) {
            throw api().error(r);
        }
        JsonNode me = r.body();
        if (json.json) {
            JsonOption.print(out(), me);
            return ExitCodes.OK;
        }
        out().println(me.path("name").asText() + (me.path("admin").asBoolean() ? " (admin)" : "") + " at " + api().base());
        Table t = new Table("TEAM", "ROLE");
        for (JsonNode team : me.path("teams")) {
            t.row(team.path("name").asText(), team.path("role").asText());
        }
        if (!t.isEmpty()) {
            t.print(out());
        }
        return ExitCodes.OK;
    }
}
