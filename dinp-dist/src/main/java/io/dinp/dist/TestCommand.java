package io.dinp.dist;

import picocli.CommandLine.Command;

/** Documents {@code ./dinp test}, which the launcher script runs itself (it needs Maven and the sources). */
@Command(name = "test", description = {
        "Run the unit and integration tests (from a source checkout: ./dinp test).",
        "Installs (Debian, root) and starts what the tests need, reusing what already runs:",
        "Docker Engine, MariaDB, Redis. Options: --unit (unit tests only), -- MAVEN_ARGS."})
final class TestCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("dinp test runs from a source checkout: ./dinp test [--unit] [-- MAVEN_ARGS]");
    }
}
