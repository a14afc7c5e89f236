package io.dinp.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dinp env set [--secret] APP K=V...}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set environment variables of an app (K=V, the value may contain '='); its instances roll over.",
                "With --secret they are secret: stored encrypted, shown as ******** everywhere, never printed.",
                "A secret given as K alone is asked for without echo on a terminal, else read from stdin (one line",
                "per name): it stays out of the shell history and the process list, where K=V would be."},
        footer = {"", "Examples:", "  dinp env set web GREETING=hi", "  dinp env set --secret web DB_PASSWORD",
                "  printf '%s\n' \"$PASSWORD\" | dinp env set --secret web DB_PASSWORD"})
final class EnvSetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "K=V")
    List<String> pairs;

    @Option(names = "--secret", description = "the variables are secrets; K without =V reads the value (no echo on a terminal)")
    boolean secret;

    @Mixin
    WaitOptions wait;

    @Override
    int run() throws Exception {
        Map<String, String> set = secret ? parseSecrets(pairs, this::readSecret) : parse(pairs);
        return EnvChange.apply(this, app, wait, env -> env.putAll(set), secret ? set.keySet() : java.util.Set.of());
    }

    /** K=V pairs, and names alone whose values {@code read} supplies, in the order given. */
    static Map<String, String> parseSecrets(List<String> items, java.util.function.Function<String, String> read) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : items) {
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.put(EnvChange.checkName(p), read.apply(EnvChange.checkName(p)));
            } else {
                out.putAll(parse(List.of(p)));
            }
        }
        return out;
    }

    private java.io.BufferedReader stdin;

    /** Asked without echo on a terminal, else the next line of stdin; never empty. */
    private String readSecret(String name) {
        if (ctx.stdinIsTerminal() && ctx.console() != null) {
            char[] typed = ctx.console().readPassword("Value of " + name + " (secret, not shown): ");
            if (typed != null && typed.length > 0) {
                return new String(typed);
            }
        } else {
            try {
                if (stdin == null) {
                    stdin = new java.io.BufferedReader(new java.io.InputStreamReader(ctx.in(), java.nio.charset.StandardCharsets.UTF_8));
                }
                String line = stdin.readLine();
                if (line != null && !line.isEmpty()) {
                    return line;
                }
            } catch (java.io.IOException e) {
                // reported as no value below
            }
        }
        throw CliException.usage("no value for the secret " + name + ": type it when asked on a terminal, or pipe it on stdin"
                + " (one line per name)");
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
