package io.dinp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dinp login}: checks a token (or trades a password for one) and stores it with the API's URL. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to a DINP API and remember it.",
                "Stored in $XDG_CONFIG_HOME/dinp/config.json (default ~/.config/dinp), mode 600.",
                "With --token the token is checked and stored; with --user the password is traded for a token",
                "named cli@HOST. Without either, the token is asked for (or read from stdin)."},
        footer = {"", "Examples:", "  dinp login --api http://127.0.0.1:7070 --token \"$(cat ~/.dinp/admin-token)\"",
                "  dinp login --api http://dinp.example:7070 --token - < token-file",
                "  dinp login --api http://dinp.example:7070 --user alice",
                "  dinp login --api https://dinp.example:7070 --ca-cert ca.pem --user alice"})
final class LoginCommand extends ClientCommand {
    @Option(names = "--api", required = true, paramLabel = "URL", description = "dash's URL, e.g. http://127.0.0.1:7070")
    String apiUrl;

    @ArgGroup(exclusive = true)
    Credentials credentials;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "for an https:// API: trust the CA in FILE (the cluster "
            + "CA's ca.pem) instead of the public CAs; stored with the login")
    java.nio.file.Path caCert;

    static final class Credentials {
        @Option(names = "--token", paramLabel = "TOKEN", description = "an API token; - reads it from stdin (keeps it out of the process list)")
        String token;

        @Option(names = "--user", paramLabel = "USER", description = "log in with a password (asked without echo, or from stdin or DINP_PASSWORD)")
        String user;
    }

    @Override
    int run() {
        String base = ApiUrl.normalize(apiUrl);
        String ca = caCert == null ? null : CaTrust.read(caCert);
        if (ca != null && base.startsWith("http://")) {
            throw CliException.usage("--ca-cert is for an https:// API, and " + base + " is plain HTTP");
        }
        CliConfig config;
        String who;
        if (credentials != null && credentials.user != null) {
            config = PasswordLogin.login(ctx, base, credentials.user, ca);
            who = credentials.user;
        } else {
            String token = token();
            who = check(base, token, ca);
            config = new CliConfig(base, token, null, null, ca);
        }
        if (base.startsWith("http://") && !isLoopback(base)) {
            err().println("dinp: warning: " + base + " is plain HTTP: the token travels unencrypted; prefer https://");
        }
        ConfigStore store = new ConfigStore(ctx.configFile());
        store.save(config);
        out().println("Logged in to " + base + (who == null ? "" : " as " + who) + " (saved in " + store.file() + ")");
        if (ca != null) {
            err().println("Trusting the CA with SHA-256 fingerprint " + CaTrust.fingerprint(ca) + " for " + base);
        }
        return ExitCodes.OK;
    }

    private String token() {
        String t = credentials == null ? null : credentials.token;
        if (t == null && ctx.stdinIsTerminal() && ctx.console() != null) {
            char[] typed = ctx.console().readPassword("Token: ");
            t = typed == null ? null : new String(typed);
        } else if (t == null || t.equals("-")) {
            t = readLine(ctx);
        }
        if (t == null || t.isBlank()) {
            throw CliException.usage("no token: pass --token TOKEN, --token - with the token on stdin, or --user USER");
        }
        return t.trim();
    }

    static boolean isLoopback(String base) {
        String host = java.net.URI.create(base).getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    static String readLine(CliContext ctx) {
        try {
            return new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** Who the token belongs to (null when the server cannot say); throws when the API refuses it. */
    private static String check(String base, String token, String caCert) {
        ApiClient api = ApiClient.withToken(base, token, caCert);
        ApiClient.Reply me = api.send("GET", "/api/v1/me", null);
        if (me.ok() && me.body() != null && me.body().hasNonNull("name")) {
            return me.body().get("name").asText();
        }
        // a server without accounts has no /me: any call that needs a token tells whether it is good
        ApiClient.Reply r = me.status() == 404 ? api.send("GET", "/api/v1/apps", null) : me;
        if (r.status() == 401) {
            throw new CliException(ExitCodes.AUTH, "the API at " + base + " refused the token: check it (dinp up prints "
                    + "the admin token and keeps it in DATA_DIR/admin-token)");
        }
        if (!r.ok()) {
            throw api.error(r);
        }
        return null;
    }
}
