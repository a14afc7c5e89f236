package io.dinp.builder.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Path;

/**
 * Checks an untrusted artifact upload as it streams in and lays it out safely on disk, or
 * rejects it naming the problem and leaves nothing behind.
 */
public final class ArtifactInspector {

  /**
   * Reads {@code body} to its end (it is not closed) and unpacks it under {@code workDir}.
   *
   * <p>A tar.gz is unpacked entry by entry; a jar or war is stored whole as {@code app.jar} or
   * {@code app.war}. Nothing is buffered beyond a fixed-size window, so uploads far larger than
   * the heap are fine.
   *
   * @param declaredName the uploader's file name, or null; it tells a war from a jar
   * @param workDir an empty or missing directory that will hold the artifact
   * @throws ArtifactRejectedException if the artifact breaks a rule or a limit; {@code workDir}
   *     is then empty again
   * @throws IOException if the upload could not be read or the disk could not be written; {@code
   *     workDir} is then empty again
   * @throws IllegalArgumentException if {@code workDir} is not empty
   */
  public Inspected inspect(InputStream body, String declaredName, ArtifactLimits limits, Path workDir)
      throws IOException {
    WorkDirs.prepare(workDir);
    try {
      CountingUpload upload = new CountingUpload(body, limits.maxCompressedBytes());
      PushbackInputStream input = new PushbackInputStream(upload, ArtifactKind.MAGIC_LENGTH);
      byte[] head = input.readNBytes(ArtifactKind.MAGIC_LENGTH);
      input.unread(head);
      ArtifactKind kind = ArtifactKind.detect(head, declaredName);
      return switch (kind) {
        case TAR_GZ -> new TarExtractor(limits, workDir)
            .extract(new ExpansionGuard(GzipStream.open(input), upload, limits));
        case JAR, WAR -> ZipArtifact.store(input, kind, limits, workDir);
      };
    } catch (Throwable failure) {
      try {
        WorkDirs.clear(workDir);
      } catch (IOException | RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }
}
