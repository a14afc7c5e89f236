package io.dinp.cli;

import picocli.CommandLine;

/** Makes picocli's command objects and hands the client commands their {@link CliContext}. */
public final class CliFactory implements CommandLine.IFactory {
    private final CliContext ctx;

    public CliFactory(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K k = CommandLine.defaultFactory().create(cls);
        if (k instanceof ClientCommand c) {
            c.ctx = ctx;
        }
        return k;
    }
}
