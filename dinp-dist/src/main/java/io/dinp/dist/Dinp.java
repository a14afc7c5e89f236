package io.dinp.dist;

import io.dinp.cli.CliCommands;
import io.dinp.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dinp} launcher: one distribution, one subcommand per role. */
@Command(name = "dinp", mixinStandardHelpOptions = true, version = Dinp.VERSION,
        description = {"DINP, a self-hosted PaaS for web applications on Docker.", "`dinp COMMAND --help` says more about each."},
        subcommands = {UpCommand.class, ServerCommand.class, AgentCommand.class, RouterCommand.class, HmCommand.class,
                DashCommand.class, BuilderCommand.class, StacksCommand.class, TestCommand.class, CommandLine.HelpCommand.class})
public final class Dinp implements Runnable {
    static final String VERSION = "dinp 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Netty's leak detector samples 1 buffer in 128 and fills a stack trace for it: a debugging
        // aid that costs the router ~1% of its CPU. Tests keep it; -Dio.netty.leakDetection.level=simple turns it on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        CommandLine role = args.length == 0 ? null : roleAlone(args[0]);
        System.exit((role != null ? role : commandLine(CliContext.system())).execute(args));
    }

    /** The launcher with its roles and the client commands, which see the world through {@code ctx}. */
    static CommandLine commandLine(CliContext ctx) {
        return CliCommands.commandLine(new Dinp(), ctx);
    }

    /**
     * The launcher with the role {@code name} alone (e.g. {@code dinp agent …}), or null when {@code name}
     * is no role. It parses that role's arguments as the whole launcher does, but a role's process then
     * never loads the other roles' and the client commands' classes nor keeps picocli's model of them:
     * about 100 classes and 2.4 MB less for an agent (1.9 MB of it picocli's model of the other commands on
     * the heap), which idles on every Docker host (bench/rss.sh).
     */
    static CommandLine roleAlone(String name) {
        Object role = switch (name) {
            case "up" -> new UpCommand();
            case "server" -> new ServerCommand();
            case "agent" -> new AgentCommand();
            case "router" -> new RouterCommand();
            case "hm" -> new HmCommand();
            case "dash" -> new DashCommand();
            case "builder" -> new BuilderCommand();
            default -> null;
        };
        return role == null ? null : new CommandLine(new OneRole()).addSubcommand(role);
    }

    /** The root of {@link #roleAlone}: the launcher's name and version, no commands of its own. */
    @Command(name = "dinp", mixinStandardHelpOptions = true, version = VERSION)
    static final class OneRole {
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
