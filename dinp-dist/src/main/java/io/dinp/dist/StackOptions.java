package io.dinp.dist;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Base images of the stacks, where they differ from the defaults built by {@code ./dinp stacks build}. */
final class StackOptions {
    @Option(names = "--stack-base", paramLabel = "STACK=IMAGE",
            description = "base image of a stack instead of its default, e.g. jar=eclipse-temurin:21-jre (repeatable)")
    Map<String, String> bases = new HashMap<>();
}
