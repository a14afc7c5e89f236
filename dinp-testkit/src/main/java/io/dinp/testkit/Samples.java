package io.dinp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Sample artifacts for the stacks, made the way a team would: compiled, packed, tarred and gzipped. */
public final class Samples {
    /** The checkout's root: the first directory upwards from here holding {@code mvnw}. */
    public static final Path ROOT = root();
    public static final Path DIR = ROOT.resolve("dinp-testkit/samples");

    private Samples() {
    }

    /** A tar.gz of a directory's files (paths relative to it), executable bits kept. */
    public static byte[] tarGz(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Path f : files) {
                    TarArchiveEntry e = new TarArchiveEntry(f.toFile(), root.relativize(f).toString());
                    e.setMode(Files.isExecutable(f) ? 0755 : 0644);
                    tar.putArchiveEntry(e);
                    Files.copy(f, tar);
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tar.gz with entries named exactly as given, however unsafe (for tests of the checks). */
    public static byte[] rawTarGz(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (var e : entries.entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A tar.gz of the given text files. */
    public static byte[] tarGz(Map<String, String> files) throws IOException {
        Path dir = Files.createTempDirectory("dinp-sample-");
        for (var e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        return tarGz(dir);
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside a DINP checkout: no mvnw above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    /** hello.jar from the jar sample, compiled for the stack's Java 17 runtime. */
    public static byte[] jar(Path work) throws Exception {
        Path classes = Files.createDirectories(work.resolve("classes"));
        run(work, jdkTool("javac").toString(), "--release", "17", "-d", classes.toString(),
                DIR.resolve("jar/Hello.java").toAbsolutePath().toString());
        Path jar = work.resolve("hello.jar");
        run(work, jdkTool("jar").toString(), "--create", "--file", jar.toString(),
                "--manifest", DIR.resolve("jar/MANIFEST.MF").toAbsolutePath().toString(), "-C", classes.toString(), ".");
        return Files.readAllBytes(jar);
    }

    /** hello.war from the war sample (a JSP, compiled by Tomcat itself). */
    public static byte[] war(Path work) throws Exception {
        Path war = work.resolve("hello.war");
        run(DIR.resolve("war").toAbsolutePath(), jdkTool("jar").toString(), "--create", "--file", war.toString(),
                "index.jsp", "WEB-INF/web.xml");
        return Files.readAllBytes(war);
    }

    /** A tar.gz holding the static binary built from the binary sample. */
    public static byte[] binary(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("bin"));
        run(work, "gcc", "-static", "-O2", "-o", dir.resolve("app").toString(),
                DIR.resolve("binary/app.c").toAbsolutePath().toString());
        return tarGz(dir);
    }

    public static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }
}
