package io.dinp.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dinp env set APP K=V...}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Set environment variables of an app (K=V, the value may contain '='); its instances roll over.")
final class EnvSetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "K=V")
    List<String> pairs;

    @Mixin
    WaitOptions wait;

    @Override
    int run() throws Exception {
        Map<String, String> set = parse(pairs);
        return EnvChange.apply(this, app, wait, env -> env.putAll(set));
    }

    static Map<String, String> parse(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("expected K=V, got '" + p + "'");
            }
            out.put(EnvChange.checkName(p.substring(0, eq)), p.substring(eq + 1));
        }
        return out;
    }
}
