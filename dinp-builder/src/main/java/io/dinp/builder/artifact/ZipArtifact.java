package io.dinp.builder.artifact;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Stores a bare jar or war as the single file {@code app.jar}/{@code app.war} and checks that it
 * is a readable zip; it is not unpacked, so its entry names cannot touch the host.
 */
final class ZipArtifact {

  private ZipArtifact() {}

  static Inspected store(InputStream upload, ArtifactKind kind, ArtifactLimits limits, Path root)
      throws IOException {
    String what = kind == ArtifactKind.WAR ? "war" : "jar";
    String name = "app." + what;
    Path file = root.resolve(name);
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file, CREATE_NEW, WRITE, NOFOLLOW_LINKS)) {
      for (int n = upload.read(buffer); n >= 0; n = upload.read(buffer)) {
        written += n;
        if (written > limits.maxFileBytes()) {
          throw new ArtifactRejectedException("the " + what + " is larger than the per-file limit of "
              + ByteSizes.format(limits.maxFileBytes()));
        }
        out.write(buffer, 0, n);
      }
    }
    checkReadable(file, what);
    Files.setPosixFilePermissions(file, FileModes.forFile(0644));
    return new Inspected(kind, 1, written, root, List.of(name));
  }

  private static void checkReadable(Path file, String what) throws IOException {
    // ZipFile reads and checks the whole central directory, which a truncated or damaged
    // upload does not survive.
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.size() == 0) {
        throw new ArtifactRejectedException("the " + what + " is empty: it holds no entries");
      }
    } catch (ZipException e) {
      ArtifactRejectedException rejected = new ArtifactRejectedException(
          "corrupt " + what + ": not a readable zip (" + e.getMessage() + ")");
      rejected.initCause(e);
      throw rejected;
    }
  }
}
