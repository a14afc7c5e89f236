package io.dinp.cli;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code dinp login --user}: trades a user's password for an API token with
 * {@code POST /api/v1/tokens} (HTTP Basic), so the password itself is never stored.
 */
final class PasswordLogin {
    private PasswordLogin() {
    }

    static CliConfig login(CliContext ctx, String base, String user, String caCert) {
        if (user.isBlank() || user.contains(":")) {
            throw CliException.usage("--user must be a user name (no ':'), was '" + user + "'");
        }
        char[] password = password(ctx, user);
        ApiClient api;
        try {
            api = ApiClient.withPassword(base, user, password, caCert);
        } finally {
            Arrays.fill(password, '\0');
        }
        ApiClient.Reply r = api.send("POST", "/api/v1/tokens", Map.of("name", tokenName()));
        if (r.status() == 401) {
            throw new CliException(ExitCodes.AUTH, "wrong user or password for " + user + " at " + base);
        }
        if (r.status() == 404) {
            throw new CliException(ExitCodes.NOT_FOUND, "the API at " + base + " has no user accounts: log in with "
                    + "--token (dinp up prints the admin token)");
        }
        if (!r.ok()) {
            throw api.error(r);
        }
        if (r.body() == null || !r.body().hasNonNull("token")) {
            throw new CliException(ExitCodes.FAILED, "the API at " + base + " made a token but did not send it back");
        }
        return new CliConfig(base, r.body().get("token").asText(), user, r.body().path("id").asText(null), caCert);
    }

    /** From DINP_PASSWORD, else asked on the terminal without echo, else the first line of stdin. */
    private static char[] password(CliContext ctx, String user) {
        String env = ctx.env("DINP_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        if (ctx.stdinIsTerminal() && ctx.console() != null) {
            char[] typed = ctx.console().readPassword("Password for " + user + ": ");
            if (typed != null && typed.length > 0) {
                return typed;
            }
        } else {
            String line = LoginCommand.readLine(ctx);
            if (line != null && !line.isEmpty()) {
                return line.toCharArray();
            }
        }
        throw CliException.usage("no password: type it when asked on a terminal, pipe it on stdin or set DINP_PASSWORD");
    }

    /** {@code cli@<host>}, so the user can tell this token from others when listing or revoking them. */
    static String tokenName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        String name = ("cli@" + host).replaceAll("[^A-Za-z0-9@._-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
