package io.dinp.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** A client command: it reaches the API of the session and writes to the context's streams. */
abstract class ClientCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by {@link CliFactory} when the command is made. */
    CliContext ctx = CliContext.system();
    private ApiClient api;

    ApiClient api() {
        if (api == null) {
            api = Session.open(ctx);
        }
        return api;
    }

    PrintStream out() {
        return ctx.out();
    }

    PrintStream err() {
        return ctx.err();
    }

    static String appPath(String app) {
        return "/api/v1/apps/" + ApiClient.enc(app);
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    abstract int run() throws Exception;
}
