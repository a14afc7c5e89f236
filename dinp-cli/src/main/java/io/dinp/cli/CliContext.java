package io.dinp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * What a client command sees of the world: the environment, its streams, whether they are
 * terminals, where the user's configuration lives.
 *
 * @param tty     whether file descriptor 0, 1 or 2 is a terminal
 * @param console reads a password without echo, or null when there is no terminal to ask on
 */
public record CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Path home,
                         IntPredicate tty, Console console) {

    /** Reads a secret from the terminal without echoing it. */
    @FunctionalInterface
    public interface Console {
        char[] readPassword(String prompt);
    }

    public static CliContext system() {
        java.io.Console c = System.console();
        return new CliContext(System.getenv(), System.in, System.out, System.err, Path.of(System.getProperty("user.home")),
                Terminal::isTty, c == null ? null : c::readPassword);
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** {@code $DINP_CONFIG}, else {@code $XDG_CONFIG_HOME/dinp/config.json}, else {@code ~/.config/dinp/config.json}. */
    public Path configFile() {
        if (env("DINP_CONFIG") != null) {
            return Path.of(env("DINP_CONFIG"));
        }
        String xdg = env("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("dinp").resolve("config.json");
    }

    public boolean stdinIsTerminal() {
        return tty.test(0);
    }

    public boolean stderrIsTerminal() {
        return tty.test(2);
    }
}
