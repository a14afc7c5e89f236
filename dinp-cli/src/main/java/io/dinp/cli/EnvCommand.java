package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dinp env APP}: the app's environment variables; {@code set} and {@code unset} change them. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Show or change an app's environment variables.",
                "  dinp env APP              the variables, K=V a line (secret values as ********)",
                "  dinp env set APP K=V...   set some; the instances roll over to the new environment",
                "  dinp env set --secret APP K   set a secret, its value asked for without echo (or read from stdin)",
                "  dinp env unset APP K...   remove some; the same"},
        subcommands = {EnvSetCommand.class, EnvUnsetCommand.class})
final class EnvCommand extends ClientCommand {
    @Parameters(arity = "0..1", paramLabel = "APP")
    String app;

    @Mixin
    JsonOption json;

    @Override
    int run() {
        if (app == null) {
            throw CliException.usage("which app? dinp env APP, dinp env set APP K=V..., dinp env unset APP K...");
        }
        JsonNode env = api().get(appPath(app)).path("env");
        if (json.json) {
            JsonOption.print(out(), env);
            return ExitCodes.OK;
        }
        env(env).forEach((k, v) -> out().println(k + "=" + v));
        if (env.isEmpty()) {
            err().println(app + " has no environment variables of its own (PORT, DINP_APP and DINP_INSTANCE are set for it)");
        }
        return ExitCodes.OK;
    }

    static Map<String, String> env(JsonNode env) {
        Map<String, String> m = new TreeMap<>();
        env.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** The names the app's {@code secretEnv} lists: their values in {@code env} are only the mask. */
    static java.util.Set<String> secretNames(JsonNode app) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        app.path("secretEnv").forEach(n -> names.add(n.asText()));
        return names;
    }
}
