package io.dinp.dist;

import io.dinp.cli.CliCommands;
import io.dinp.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dinp} launcher: one distribution, one subcommand per role. */
@Command(name = "dinp", mixinStandardHelpOptions = true, version = "dinp 0.1.0",
        description = {"DINP, a self-hosted PaaS for web applications on Docker.", "`dinp COMMAND --help` says more about each."},
        subcommands = {UpCommand.class, ServerCommand.class, AgentCommand.class, RouterCommand.class, HmCommand.class,
                DashCommand.class, BuilderCommand.class, StacksCommand.class, TestCommand.class, CommandLine.HelpCommand.class})
public final class Dinp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Netty's leak detector samples 1 buffer in 128 and fills a stack trace for it: a debugging
        // aid that costs the router ~1% of its CPU. Tests keep it; -Dio.netty.leakDetection.level=simple turns it on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The launcher with its roles and the client commands, which see the world through {@code ctx}. */
    static CommandLine commandLine(CliContext ctx) {
        return CliCommands.commandLine(new Dinp(), ctx);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
