package io.dinp.dist;

import picocli.CommandLine.Command;

/** Documents {@code ./dinp stacks}, which the launcher script runs itself (it drives debootstrap and docker). */
@Command(name = "stacks", description = {
        "Build or list the stacks' default base images (from a source checkout: ./dinp stacks).",
        "  ./dinp stacks build [--rebuild] [STACK|IMAGE...]   debootstrap Debian 12, then JRE, Python, Node, Tomcat",
        "  ./dinp stacks list                                 stacks, their base images, present or not"})
final class StacksCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("dinp stacks runs from a source checkout: ./dinp stacks build | list");
    }
}
