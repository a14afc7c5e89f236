package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dinp deploy}: an artifact (uploaded, built into an image, its log shown live) or an
 * image becomes a release of the app, which then rolls out; it ends when every instance of the
 * release serves, or when the rollout failed.
 */
@Command(name = "deploy",
        description = {"Deploy an artifact or an image as a new release.",
                "The artifact is a .tar.gz, .jar or .war built elsewhere; the platform never compiles.",
                "Shows the upload, the build's log as it runs and the rollout, until every instance serves.",
                "Exits 1 when the build or the rollout fails (a failing rollout is rolled back by the platform)."},
        footer = {"", "Examples:", "  dinp deploy web app.tar.gz --stack jar", "  dinp deploy web site.tar.gz --stack static --version 2",
                "  dinp deploy web --image registry:5000/web:7", "",
                "Stacks: jar, war, binary (--start CMD), python, node, static, dockerfile (see docs/stacks.md)."})
final class DeployCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ARTIFACT", description = "the built artifact to upload")
    Path artifact;

    @Option(names = "--stack", paramLabel = "STACK", description = "how to run the artifact: jar, war, binary, python, node, static, dockerfile")
    String stack;

    @Option(names = "--image", paramLabel = "IMG", description = "deploy this image instead of an artifact")
    String image;

    // no mixinStandardHelpOptions: its --version would take the release's
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "V", description = "the release's version (default: the highest numeric one + 1)")
    String version;

    @Option(names = "--start", paramLabel = "CMD", description = "start command of the binary stack (default: ./app)")
    String start;

    @Mixin
    WaitOptions wait;

    @Override
    int run() throws Exception {
        if ((artifact == null) == (image == null)) {
            throw CliException.usage("deploy needs either an ARTIFACT (with --stack) or --image IMG: dinp deploy --help");
        }
        if (artifact != null && stack == null) {
            throw CliException.usage("--stack is required with an artifact: jar, war, binary, python, node, static or dockerfile");
        }
        if (artifact != null && !(Files.isRegularFile(artifact) && Files.isReadable(artifact))) {
            throw CliException.usage("cannot read the artifact " + artifact + ": no such readable file");
        }
        String path = appPath(app);
        JsonNode before = api().get(path);
        Set<String> oldHashes = Rollout.hashes(api().get(path + "/instances"));
        String v = version != null ? version : nextVersion(api().get(path + "/releases"));
        if (artifact != null) {
            build(v);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", v);
            body.put("image", image);
            api().call("POST", path + "/releases", body);
        }
        JsonNode deployed = api().call("POST", path + "/releases/" + ApiClient.enc(v) + "/deploy", null);
        boolean sameImage = deployed.path("image").asText().equals(before.path("image").asText());
        err().println("Rolling out release " + v + " of " + app + ":");
        wait.await(this, app, new Rollout.Expectation(deployed.path("generation").asLong(), sameImage ? Set.of() : oldHashes, v));
        out().println("Deployed " + app + " release " + v + ": " + before.path("url").asText());
        return ExitCodes.OK;
    }

    /** The highest all-digits version plus one, or 1. */
    static String nextVersion(JsonNode releases) {
        long max = 0;
        for (JsonNode r : releases) {
            String s = r.path("version").asText();
            if (s.matches("\\d{1,15}")) {
                max = Math.max(max, Long.parseLong(s));
            }
        }
        return Long.toString(max + 1);
    }

    private void build(String v) throws IOException {
        long size = Files.size(artifact);
        String name = artifact.getFileName().toString();
        StringBuilder q = new StringBuilder("/builds?version=").append(ApiClient.enc(v)).append("&stack=").append(ApiClient.enc(stack))
                .append("&filename=").append(ApiClient.enc(name));
        if (start != null) {
            q.append("&start=").append(ApiClient.enc(start));
        }
        UploadProgress progress = new UploadProgress(err(), ctx.stderrIsTerminal(), name, size);
        ApiClient.Reply r = api().upload(appPath(app) + q, artifact, progress);
        progress.done();
        if (!r.ok()) {
            throw api().error(r);
        }
        String id = r.body().path("id").asText();
        err().println("Building release " + v + " (build " + id + "):");
        try (InputStream log = api().stream("/api/v1/builds/" + ApiClient.enc(id) + "/log");
             BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out().println("  " + line);
            }
        }
        JsonNode b = api().get("/api/v1/builds/" + ApiClient.enc(id));
        if (!"succeeded".equals(b.path("status").asText())) {
            throw new CliException(ExitCodes.FAILED, "build " + id + " " + b.path("status").asText() + ": "
                    + b.path("failure").asText("no reason given") + "\n  nothing was deployed; the app runs as before");
        }
    }
}
