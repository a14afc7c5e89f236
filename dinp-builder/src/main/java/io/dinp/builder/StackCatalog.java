package io.dinp.builder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stacks: Dockerfile templates kept in the repo ({@code stacks/<stack>/Dockerfile.tmpl}) with
 * their default base images ({@code stacks/stacks.properties}), overridable per stack. Renders a
 * build context: {@code Dockerfile}, {@code app/} (the artifact) and {@code dinp/} (support files).
 */
public final class StackCatalog {
    /** The artifact brings its own Dockerfile at its root. */
    public static final String DOCKERFILE = "dockerfile";
    private static final String ROOT = "stacks/";

    private final Map<String, String> bases;
    private final Map<String, List<String>> files;
    private final List<String> commonFiles;

    private StackCatalog(Map<String, String> bases, Map<String, List<String>> files, List<String> commonFiles) {
        this.bases = bases;
        this.files = files;
        this.commonFiles = commonFiles;
    }

    /** The stacks in the repo, with base images replaced where {@code overrides} says so. */
    public static StackCatalog load(Map<String, String> overrides) {
        Properties p = new Properties();
        try (InputStream in = resource("stacks.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> bases = new LinkedHashMap<>();
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.endsWith(".base")) {
                String stack = key.substring(0, key.length() - 5);
                bases.put(stack, overrides.getOrDefault(stack, p.getProperty(key)));
                files.put(stack, split(p.getProperty(stack + ".files", "")));
            }
        }
        for (String stack : overrides.keySet()) {
            if (!bases.containsKey(stack)) {
                throw new IllegalArgumentException("no stack named " + stack + " to set a base image for (stacks with a base: "
                        + String.join(", ", bases.keySet()) + ")");
            }
        }
        return new StackCatalog(bases, files, split(p.getProperty("common.files", "")));
    }

    public Set<String> names() {
        TreeSet<String> names = new TreeSet<>(bases.keySet());
        names.add(DOCKERFILE);
        return names;
    }

    public boolean has(String stack) {
        return names().contains(stack);
    }

    /** Default base image of a stack, null for {@code dockerfile}. */
    public String base(String stack) {
        return bases.get(stack);
    }

    /**
     * Writes the stack's Dockerfile and support files next to the artifact tree.
     *
     * @param context a directory holding the artifact in {@code app/}
     * @return the Dockerfile path
     */
    public Path render(String stack, Path context, String start) throws IOException {
        if (DOCKERFILE.equals(stack)) {
            Path own = context.resolve("app/Dockerfile");
            if (!Files.isRegularFile(own)) {
                throw new IllegalArgumentException("stack dockerfile: the artifact must hold a Dockerfile at its top");
            }
            return own;
        }
        String template;
        try (InputStream in = resource(stack + "/Dockerfile.tmpl")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String dockerfile = template.replace("{{BASE_IMAGE}}", bases.get(stack))
                .replace("{{START}}", jsonStringBody(start == null || start.isBlank() ? "./app" : start));
        Path out = context.resolve("Dockerfile");
        Files.writeString(out, dockerfile, StandardCharsets.UTF_8);
        Path dinp = Files.createDirectories(context.resolve("dinp"));
        for (String f : commonFiles) {
            copy("common/" + f, dinp.resolve(f));
        }
        for (String f : files.getOrDefault(stack, List.of())) {
            copy(stack + "/" + f, dinp.resolve(f));
        }
        return out;
    }

    /** The start command sits inside a JSON string of an exec-form CMD: escape it as JSON does. */
    static String jsonStringBody(String s) {
        String quoted = io.dinp.common.Json.write(s);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = resource(resource)) {
            Files.copy(in, to);
        }
        to.toFile().setExecutable(true, false);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = StackCatalog.class.getClassLoader().getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("missing stack resource " + ROOT + name);
        }
        return in;
    }

    private static List<String> split(String v) {
        return v.isBlank() ? List.of() : List.of(v.trim().split("\\s*,\\s*"));
    }
}
