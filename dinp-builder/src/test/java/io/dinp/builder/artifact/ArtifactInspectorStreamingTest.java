package io.dinp.builder.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves uploads are streamed: 300 MiB passes through a JVM whose heap is smaller than that. */
class ArtifactInspectorStreamingTest {

  private static final long MIB = 1024 * 1024;
  private static final int FILES = 30;
  private static final long FILE_SIZE = 10 * MIB;

  @TempDir Path temp;

  @Test
  void inspectsAnUploadLargerThanTheHeap() throws Exception {
    // The surefire argLine sets -Xmx256m; without it this test would prove nothing.
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(FILES * FILE_SIZE);

    PipedInputStream body = new PipedInputStream(1024 * 1024);
    PipedOutputStream sink = new PipedOutputStream(body);
    CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> writeTarGz(sink));
    Inspected inspected;
    try (body) {
      inspected = new ArtifactInspector()
          .inspect(body, "big.tar.gz", ArtifactLimits.defaults(), temp.resolve("work"));
    }
    upload.join();

    assertThat(inspected.fileCount()).isEqualTo(FILES);
    assertThat(inspected.totalBytes()).isEqualTo(FILES * FILE_SIZE);
    assertThat(temp.resolve("work/data/file-29")).hasSize(FILE_SIZE);
  }

  /** Writes the archive as it is read: stored, not compressed, so it stays 300 MiB on the wire. */
  private static void writeTarGz(OutputStream sink) {
    GzipParameters stored = new GzipParameters();
    stored.setCompressionLevel(Deflater.NO_COMPRESSION);
    byte[] chunk = new byte[64 * 1024];
    new Random(7).nextBytes(chunk);
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(sink, stored))) {
      for (int i = 0; i < FILES; i++) {
        TarArchiveEntry entry = new TarArchiveEntry("data/file-" + i);
        entry.setSize(FILE_SIZE);
        tar.putArchiveEntry(entry);
        for (long left = FILE_SIZE; left > 0; left -= chunk.length) {
          tar.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new RuntimeException("generating the upload failed", e);
    }
  }
}
