package io.dinp.cli;

import picocli.CommandLine.Command;

/** {@code dinp logout}: forgets the stored API and token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Forget the stored API and token.", "The configuration file is removed. A token that",
                "dinp login --user made is revoked on the server too; one given with --token stays valid."})
final class LogoutCommand extends ClientCommand {
    @Override
    int run() {
        ConfigStore store = new ConfigStore(ctx.configFile());
        CliConfig c = store.load().orElse(null);
        if (c != null && c.tokenId() != null) {
            revoke(c);
        }
        if (!store.delete()) {
            out().println("Not logged in; nothing to forget.");
            return ExitCodes.OK;
        }
        out().println("Logged out of " + (c == null ? "the API" : c.api()) + " (removed " + store.file() + ").");
        return ExitCodes.OK;
    }

    /** Best effort: the login is forgotten whatever the server says, and the user told what remains. */
    private void revoke(CliConfig c) {
        try {
            ApiClient api = ApiClient.withToken(c.api(), c.token(), c.caCert());
            ApiClient.Reply r = api.send("DELETE", "/api/v1/tokens/" + ApiClient.enc(c.tokenId()), null);
            if (r.ok()) {
                out().println("Revoked the token this login made.");
            } else if (r.status() == 401) {
                out().println("The token this login made no longer works (revoked already).");
            } else {
                err().println("dinp: warning: could not revoke the token " + c.tokenId() + " (" + api.error(r).getMessage()
                        + "); revoke it in the dashboard or with DELETE /api/v1/tokens/" + c.tokenId());
            }
        } catch (CliException e) {
            err().println("dinp: warning: could not revoke the token " + c.tokenId() + ": " + e.getMessage());
        }
    }
}
