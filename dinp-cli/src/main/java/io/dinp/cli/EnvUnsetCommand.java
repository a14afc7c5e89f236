package io.dinp.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dinp env unset APP K...}. */
@Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove environment variables of an app; its instances roll over.")
final class EnvUnsetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "K")
    List<String> names;

    @Mixin
    WaitOptions wait;

    @Override
    int run() throws Exception {
        names.forEach(EnvChange::checkName);
        return EnvChange.apply(this, app, wait, env -> names.forEach(env::remove));
    }
}
