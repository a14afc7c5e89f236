package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dinp logs}: the merged output of an app's instances, each line marked with its instance. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show the output of an app's instances, each line prefixed by its instance.",
                "stdout and stderr of every instance, also of those replaced or crashed within the nodes'",
                "--log-retention (1 h by default). -f follows new lines, and new instances as they start."},
        footer = {"", "Lines the reader could not keep up with are dropped and counted: [dinp: N lines dropped].",
                "Examples:", "  dinp logs web -f", "  dinp logs web --since 10m -n all", "  dinp logs web --instance 83cfabb062 --json"})
final class LogsCommand extends ClientCommand {
    @Parameters(paramLabel = "APP")
    String app;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines until interrupted")
    boolean follow;

    @Option(names = "--instance", paramLabel = "ID", description = "only this instance (see dinp ps APP)")
    String instance;

    @Option(names = "--since", paramLabel = "D", description = "only lines of the last D (30s, 10m, 2h) or since an instant (2026-12-04T19:56:11Z)")
    String since;

    @Option(names = {"-n", "--lines"}, paramLabel = "LINES", description = "the last LINES lines of each instance, or all (default: 100)")
    String lines;

    @Option(names = {"-t", "--timestamps"}, description = "show when each line was written")
    boolean timestamps;

    @Option(names = "--json", description = "print the API's newline-delimited JSON events as they come")
    boolean json;

    @Override
    int run() throws IOException {
        StringBuilder q = new StringBuilder(appPath(app)).append("/logs?follow=").append(follow);
        if (instance != null) {
            q.append("&instance=").append(ApiClient.enc(instance));
        }
        if (since != null) {
            q.append("&since=").append(ApiClient.enc(since));
        }
        if (lines != null) {
            q.append("&tail=").append(ApiClient.enc(lines));
        }
        try (InputStream in = api().stream(q.toString());
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                print(line);
                if (follow && out().checkError()) {
                    return ExitCodes.OK; // our reader left (dinp logs -f | head): so do we
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "lost the connection to the API at " + api().base() + ": " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    private void print(String line) throws IOException {
        JsonNode e = ApiClient.parse(line.getBytes(StandardCharsets.UTF_8));
        if (e == null) {
            return;
        }
        String type = e.path("type").asText(null);
        if ("keepalive".equals(type)) {
            return;
        }
        if (json) {
            out().println(line);
        } else if (type == null) {
            out().println(format(e, timestamps));
        } else if ("dropped".equals(type)) {
            out().println(e.path("instance").asText("?") + " [dinp: " + e.path("count").asLong() + " lines dropped]");
        } else if ("error".equals(type)) {
            err().println("dinp: " + e.path("message").asText());
        }
    }

    static String format(JsonNode e, boolean timestamps) {
        return (timestamps ? e.path("time").asText() + " " : "") + e.path("instance").asText() + " " + e.path("line").asText();
    }
}
