package io.dinp.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dinp completion bash}: a completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for dinp.", "For bash; zsh loads it after bashcompinit.",
                "  source <(dinp completion bash)                 # this shell",
                "  dinp completion bash > /etc/bash_completion.d/dinp   # every shell"})
final class CompletionCommand extends ClientCommand {
    @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh")
    String shell;

    @Override
    int run() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw CliException.usage("no completion for " + shell + ": bash or zsh");
        }
        out().print(AutoComplete.bash("dinp", spec.root().commandLine()));
        out().flush();
        return ExitCodes.OK;
    }
}
