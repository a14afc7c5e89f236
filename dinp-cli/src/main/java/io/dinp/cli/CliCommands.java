package io.dinp.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The client commands, for the launcher to add next to its roles. */
public final class CliCommands {
    /** In the order {@code dinp --help} lists them. */
    static final List<Class<? extends ClientCommand>> ALL = List.of(
            LoginCommand.class, LogoutCommand.class, WhoamiCommand.class,
            AppsCommand.class, CreateCommand.class, InfoCommand.class, DeleteCommand.class,
            DeployCommand.class, ScaleCommand.class, PsCommand.class, ReleasesCommand.class, RollbackCommand.class,
            EnvCommand.class, DomainsCommand.class, LogsCommand.class,
            NodesCommand.class, BuildsCommand.class, EventsCommand.class, CompletionCommand.class);

    private CliCommands() {
    }

    /**
     * The command line of {@code root} (the launcher) with every client command added: they and
     * picocli's own messages use {@code ctx}'s streams, their failures end with a message and their
     * exit code (not a stack trace), and the help lists them apart from the roles.
     */
    public static CommandLine commandLine(Object root, CliContext ctx) {
        CommandLine cl = install(new CommandLine(root, new CliFactory(ctx)));
        cl.setOut(new java.io.PrintWriter(ctx.out(), true));
        cl.setErr(new java.io.PrintWriter(ctx.err(), true));
        return cl;
    }

    static CommandLine install(CommandLine root) {
        for (Class<? extends ClientCommand> c : ALL) {
            root.addSubcommand(c);
        }
        root.setExecutionExceptionHandler((ex, cl, parsed) -> {
            if (ex instanceof CliException c) {
                var err = cl.getCommand() instanceof ClientCommand cc ? cc.err() : System.err;
                err.println("dinp: " + c.getMessage());
                return c.exitCode();
            }
            throw ex;
        });
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CliCommands::commandList);
        return root;
    }

    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> roles = new LinkedHashMap<>();
        Map<String, CommandLine.Help> client = new LinkedHashMap<>();
        help.subcommands().forEach((name, h) -> {
            boolean isClient = h.commandSpec().userObject() instanceof ClientCommand;
            (isClient ? client : roles).put(name, h);
        });
        return "%nPlatform (run on the machines):%n".formatted() + help.commandList(roles)
                + "%nClient (through the REST API; start with dinp login):%n".formatted() + help.commandList(client)
                + "%nExit codes of the client commands: 0 ok, 1 failed, 2 bad usage or input,%n".formatted()
                + "3 not logged in or refused, 4 not found, 5 conflict, 6 API unreachable (docs/cli.md).%n".formatted();
    }
}
