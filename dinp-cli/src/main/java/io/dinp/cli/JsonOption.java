package io.dinp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --json}: the API's answer as it came, for scripts, instead of the table for people. */
final class JsonOption {
    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;

    static void print(PrintStream out, JsonNode node) {
        try {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
