package io.dinp.builder.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactInspectorTest {

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private final ArtifactInspector inspector = new ArtifactInspector();
  @TempDir Path temp;

  private Path workDir() {
    return temp.resolve("work");
  }

  private Inspected inspect(byte[] body, String name, ArtifactLimits limits) throws IOException {
    return inspector.inspect(new ByteArrayInputStream(body), name, limits, workDir());
  }

  private Inspected inspect(TarGz archive) throws IOException {
    return inspect(archive.bytes(), "app.tar.gz", ArtifactLimits.defaults());
  }

  /** Asserts the rejection's message and that nothing was left behind. */
  private void assertRejected(byte[] body, String name, ArtifactLimits limits, String problem) {
    assertThatThrownBy(() -> inspect(body, name, limits))
        .isInstanceOf(ArtifactRejectedException.class)
        .hasMessageContaining(problem);
    assertThat(workDir()).isEmptyDirectory();
  }

  private void assertRejected(TarGz archive, String problem) {
    assertRejected(archive.bytes(), "app.tar.gz", ArtifactLimits.defaults(), problem);
  }

  private static ArtifactLimits limits(long maxCompressed, int maxEntries, long bombFloor) {
    ArtifactLimits d = ArtifactLimits.defaults();
    return new ArtifactLimits(maxCompressed, d.maxUncompressedBytes(), maxEntries,
        d.maxFileBytes(), d.maxPathLength(), d.maxCompressionRatio(), bombFloor);
  }

  @Test
  void acceptsANestedTreeWithLinksThatStayInside() throws IOException {
    Inspected inspected = inspect(TarGz.create()
        .dir("app")
        .file("app/bin/run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755)
        .file("app/lib/a.txt", "hello")
        .symlink("app/current", "lib")
        .symlink("app/lib/run", "../bin/run")
        .symlink("app/self", ".")
        .hardLink("app/run-again", "app/bin/run")
        .file("README", "read me"));

    Path root = workDir();
    assertThat(inspected.kind()).isEqualTo(ArtifactKind.TAR_GZ);
    assertThat(inspected.root()).isEqualTo(root);
    assertThat(inspected.fileCount()).isEqualTo(4);
    assertThat(inspected.totalBytes()).isEqualTo(10 + 5 + 7);
    assertThat(inspected.topLevelEntries()).containsExactly("README", "app");
    assertThat(root.resolve("app/lib/a.txt")).hasContent("hello");
    assertThat(Files.readSymbolicLink(root.resolve("app/current"))).isEqualTo(Path.of("lib"));
    assertThat(root.resolve("app/lib/run")).isSymbolicLink();
    assertThat(root.resolve("app/current/a.txt")).hasContent("hello");
    assertThat(Files.isSameFile(root.resolve("app/run-again"), root.resolve("app/bin/run"))).isTrue();
    assertThat(Files.getPosixFilePermissions(root.resolve("app/bin/run")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void rejectsPathTraversal() {
    assertRejected(TarGz.create().file("ok", "fine").file("../../etc/passwd", "x"),
        "entry \"../../etc/passwd\": path escapes the artifact");
    assertRejected(TarGz.create().file("a/../../x", "x"),
        "entry \"a/../../x\": path escapes the artifact");
  }

  @Test
  void acceptsDotDotThatStaysInside() throws IOException {
    Inspected inspected = inspect(TarGz.create().file("./a/../b", "x"));

    assertThat(inspected.topLevelEntries()).containsExactly("b");
    assertThat(workDir().resolve("b")).hasContent("x");
  }

  @Test
  void rejectsAbsolutePaths() {
    assertRejected(TarGz.create().file("/etc/x", "x"), "entry \"/etc/x\": absolute path");
  }

  @Test
  void rejectsControlCharactersInNames() {
    assertRejected(TarGz.create().file("a\nb", "x"),
        "entry \"a\\nb\": name contains a control character");
    assertRejected(TarGz.create().file("a\u0001b", "x"), "contains a control character");
  }

  @Test
  void rejectsOverlongPaths() {
    assertRejected(TarGz.create().file("a/".repeat(600) + "x", "x"),
        "name is longer than 1024 characters");
  }

  @Test
  void rejectsSymlinksWithAbsoluteTargets() {
    assertRejected(TarGz.create().symlink("lib/x", "/etc/passwd"),
        "entry \"lib/x\": link target \"/etc/passwd\" is absolute");
  }

  @Test
  void rejectsSymlinksClimbingOut() {
    assertRejected(TarGz.create().file("keep", "x").symlink("lib/x", "../../.."),
        "entry \"lib/x\": link target \"../../..\" leads outside the artifact");
  }

  @Test
  void rejectsSymlinksThatEscapeThroughAnotherLink() {
    // "a/b" -> ".." is the root, so "a/b/.." is the root's parent, though by text it is "a".
    assertRejected(TarGz.create().symlink("a/b", "..").symlink("x", "a/b/.."),
        "entry \"x\": link target \"a/b/..\" leads outside the artifact");
    // The same with the links in the other order: only the finished tree shows the escape.
    assertRejected(TarGz.create().symlink("x", "a/b/..").symlink("a/b", ".."),
        "entry \"x\": link target \"a/b/..\" leads outside the artifact");
  }

  @Test
  void rejectsSymlinkLoops() {
    assertRejected(TarGz.create().symlink("a", "b").symlink("b", "a"),
        "goes through more than 40 links");
  }

  @Test
  void neverWritesThroughASymlink() {
    assertRejected(TarGz.create().dir("sub").symlink("lib", "sub").file("lib/evil", "x"),
        "entry \"lib/evil\": parent \"lib\" is a symbolic link");
  }

  @Test
  void rejectsEntriesThatCollide() {
    assertRejected(TarGz.create().file("a/b", "1").file("./a//b", "2"),
        "entry \"./a//b\": collides with an earlier entry (the file \"a/b\")");
    assertRejected(TarGz.create().symlink("a", "sub").dir("a"), "collides with an earlier entry");
  }

  @Test
  void rejectsHardLinksLeadingOutside() {
    assertRejected(TarGz.create().hardLink("x", "../../etc/shadow"),
        "entry \"x\": hard link target \"../../etc/shadow\" leads outside the artifact");
    assertRejected(TarGz.create().hardLink("x", "/etc/shadow"),
        "entry \"x\": hard link target \"/etc/shadow\" is absolute");
  }

  @Test
  void rejectsHardLinksToAnythingButAnEarlierFile() {
    assertRejected(TarGz.create().hardLink("x", "later").file("later", "x"),
        "entry \"x\": hard link target \"later\" is not an earlier regular file");
    assertRejected(TarGz.create().symlink("s", "f").file("f", "x").hardLink("x", "s"),
        "is not an earlier regular file");
    assertRejected(TarGz.create().dir("d").hardLink("x", "d"), "is not an earlier regular file");
  }

  @Test
  void rejectsDevicesAndFifos() {
    assertRejected(TarGz.create().special("dev/sda", TarConstants.LF_BLK),
        "entry \"dev/sda\": device files are not allowed");
    assertRejected(TarGz.create().special("dev/null", TarConstants.LF_CHR),
        "entry \"dev/null\": device files are not allowed");
    assertRejected(TarGz.create().special("pipe", TarConstants.LF_FIFO),
        "entry \"pipe\": named pipes (fifos) are not allowed");
  }

  @Test
  void rejectsUnknownEntryTypes() {
    assertRejected(TarGz.create().special("weird", (byte) 'Z'),
        "entry \"weird\": unsupported entry type 'Z'");
  }

  @Test
  void stripsSetuidAndSetgidButKeepsTheExecutableBit() throws IOException {
    inspect(TarGz.create()
        .file("suid", new byte[] {1}, 04755)
        .file("sgid", new byte[] {1}, 02775)
        .file("plain", new byte[] {1}, 04666));

    assertThat(mode("suid")).isEqualTo(0755);
    assertThat(mode("sgid")).isEqualTo(0755);
    assertThat(mode("plain")).isEqualTo(0644);
  }

  private int mode(String name) throws IOException {
    return (Integer) Files.getAttribute(workDir().resolve(name), "unix:mode",
        LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  @Test
  void stopsAGzipBomb() {
    // 64 MiB of zeros gzip to about 64 KiB: a thousandfold.
    byte[] bomb = TarGz.create().file("first", "x").zeros("zeros", 64 * MIB).bytes();
    assertThat((long) bomb.length).isLessThan(MIB);

    assertRejected(bomb, "app.tar.gz", limits(512 * MIB, 100, MIB), "decompression bomb: ");
  }

  @Test
  void rejectsABodyThatIsNotGzip() {
    byte[] text = "just some text".getBytes(StandardCharsets.UTF_8);
    assertRejected(text, "app.tar.gz", ArtifactLimits.defaults(),
        "not gzip: the body does not start with the gzip magic bytes");
    assertRejected(text, null, ArtifactLimits.defaults(),
        "not a gzip-compressed tar or a jar/war");
    assertRejected(new byte[0], null, ArtifactLimits.defaults(), "the body is empty");
  }

  @Test
  void rejectsATruncatedGzipStream() {
    byte[] whole = TarGz.create().file("a", randomBytes(100_000), 0644).file("b", "b").bytes();
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

    assertRejected(truncated, "app.tar.gz", ArtifactLimits.defaults(), "corrupt gzip stream: ");
  }

  @Test
  void rejectsAGzipStreamWithADamagedTrailer() {
    byte[] body = TarGz.create().file("a", "hello").bytes();
    body[body.length - 6] ^= 0x55; // inside the CRC-32

    assertRejected(body, "app.tar.gz", ArtifactLimits.defaults(), "corrupt gzip stream: ");
  }

  @Test
  void rejectsDataAfterTheGzipStream() {
    byte[] archive = TarGz.create().file("a", "hello").bytes();
    byte[] body = Arrays.copyOf(archive, archive.length + 16);
    Arrays.fill(body, archive.length, body.length, (byte) 'z');

    assertRejected(body, "app.tar.gz", ArtifactLimits.defaults(), "corrupt gzip stream: ");
  }

  @Test
  void rejectsGzipThatHoldsNoTar() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write("this is not a tar archive at all, just text".repeat(20).getBytes(StandardCharsets.UTF_8));
    }
    assertRejected(gz.toByteArray(), "app.tar.gz", ArtifactLimits.defaults(), "corrupt tar: ");
  }

  @Test
  void rejectsAnUploadOverTheSizeLimit() {
    byte[] body = TarGz.create().file("big", randomBytes(256 * 1024), 0644).bytes();

    assertRejected(body, "app.tar.gz", limits(64 * KIB, 100, MIB),
        "the upload is larger than the limit of 64 KiB");
  }

  @Test
  void rejectsTooManyEntries() {
    TarGz archive = TarGz.create();
    for (int i = 0; i < 11; i++) {
      archive.file("f" + i, "x");
    }
    assertRejected(archive.bytes(), "app.tar.gz", limits(MIB, 10, MIB), "more than 10 entries");
  }

  @Test
  void rejectsAFileOverThePerFileLimit() {
    ArtifactLimits d = ArtifactLimits.defaults();
    ArtifactLimits small = new ArtifactLimits(d.maxCompressedBytes(), d.maxUncompressedBytes(),
        d.maxEntries(), 1000, d.maxPathLength(), d.maxCompressionRatio(),
        d.compressionRatioFloorBytes());

    assertRejected(TarGz.create().file("big", new byte[1500], 0644).bytes(), "a.tgz", small,
        "entry \"big\": 1.5 KiB is larger than the per-file limit of 1000 bytes");
  }

  @Test
  void rejectsAnArtifactThatUnpacksTooLarge() {
    ArtifactLimits d = ArtifactLimits.defaults();
    ArtifactLimits small = new ArtifactLimits(d.maxCompressedBytes(), 4 * KIB,
        d.maxEntries(), d.maxFileBytes(), d.maxPathLength(), d.maxCompressionRatio(), 0);

    assertRejected(TarGz.create().file("a", randomBytes(3000), 0644).file("b", randomBytes(3000), 0644).bytes(),
        "a.tgz", small, "the unpacked artifact is larger than the limit of 4 KiB");
  }

  @Test
  void acceptsAJar() throws IOException {
    Inspected inspected = inspect(jar(), "hello.jar", ArtifactLimits.defaults());

    assertThat(inspected.kind()).isEqualTo(ArtifactKind.JAR);
    assertThat(inspected.topLevelEntries()).containsExactly("app.jar");
    assertThat(inspected.fileCount()).isEqualTo(1);
    assertThat(workDir().resolve("app.jar")).hasBinaryContent(jar());
  }

  @Test
  void storesAWarUnderItsOwnName() throws IOException {
    Inspected inspected = inspect(jar(), "shop.WAR", ArtifactLimits.defaults());

    assertThat(inspected.kind()).isEqualTo(ArtifactKind.WAR);
    assertThat(workDir().resolve("app.war")).exists();
  }

  @Test
  void rejectsACorruptJar() {
    byte[] body = Arrays.copyOf(jar(), jar().length - 30); // loses the end of the central directory

    assertRejected(body, "hello.jar", ArtifactLimits.defaults(), "corrupt jar: not a readable zip");
  }

  @Test
  void leavesTheWorkDirectoryEmptyAfterARejectionLateInTheArchive() {
    TarGz archive = TarGz.create().dir("a/b/c").file("a/b/c/file", "x").symlink("a/link", "b")
        .hardLink("a/hard", "a/b/c/file");
    for (int i = 0; i < 50; i++) {
      archive.file("many/f" + i, "content " + i);
    }
    assertRejected(archive.special("dev/sda", TarConstants.LF_BLK), "device files are not allowed");
  }

  @Test
  void reportsABrokenUploadAsAnIoFailureNotARejection() {
    byte[] body = TarGz.create().file("a", randomBytes(200_000), 0644).bytes();
    InputStream breaking = new InputStream() {
      private final InputStream data = new ByteArrayInputStream(body, 0, body.length / 2);

      @Override
      public int read() throws IOException {
        int b = data.read();
        if (b < 0) {
          throw new IOException("connection reset");
        }
        return b;
      }
    };

    assertThatThrownBy(() -> inspector.inspect(breaking, "a.tgz", ArtifactLimits.defaults(), workDir()))
        .isInstanceOf(UploadReadException.class)
        .hasMessageContaining("connection reset");
    assertThat(workDir()).isEmptyDirectory();
  }

  @Test
  void refusesAWorkDirectoryThatIsNotEmpty() throws IOException {
    Files.createDirectories(workDir());
    Files.writeString(workDir().resolve("old"), "x");

    assertThatThrownBy(() -> inspect(TarGz.create().file("a", "a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(workDir().resolve("old")).exists();
  }

  private static byte[] jar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\nMain-Class: Hello\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("Hello.class"));
      zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
      zip.closeEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(42).nextBytes(bytes);
    return bytes;
  }
}
