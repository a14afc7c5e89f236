package io.dinp.cli;

import picocli.CommandLine.Command;

/** {@code dinp logout}: forgets the stored API and token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Forget the stored API and token.", "The configuration file is removed.",
                "The token stays valid on the server until it is revoked there."})
final class LogoutCommand extends ClientCommand {
    @Override
    int run() {
        ConfigStore store = new ConfigStore(ctx.configFile());
        CliConfig c = store.load().orElse(null);
        if (!store.delete()) {
            out().println("Not logged in; nothing to forget.");
            return ExitCodes.OK;
        }
        out().println("Logged out of " + (c == null ? "the API" : c.api()) + " (removed " + store.file() + ").");
        return ExitCodes.OK;
    }
}
