package io.dinp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dinp delete}: an app and everything of it, after a confirmation. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete an app and everything of it.", "Its instances stop; its releases, domains and certificates go.",
                "Asks to type the app's name on a terminal; elsewhere --yes is required."})
final class DeleteCommand extends ClientCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Override
    int run() {
        if (!yes) {
            if (!ctx.stdinIsTerminal()) {
                throw CliException.usage("deleting " + app + " needs confirmation: add --yes (stdin is not a terminal to ask on)");
            }
            err().print("This deletes " + app + ", its instances, releases and domains. Type the app's name to confirm: ");
            err().flush();
            String typed = LoginCommand.readLine(ctx);
            if (typed == null || !typed.trim().equals(app)) {
                throw new CliException(ExitCodes.FAILED, "not confirmed: " + app + " was not deleted");
            }
        }
        api().call("DELETE", appPath(app), null);
        out().println("Deleted " + app + ".");
        return ExitCodes.OK;
    }
}
