package io.dinp.builder.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Decompresses the upload, turning any fault of the gzip data into a precise rejection. */
final class GzipStream extends FilterInputStream {

  private static final String CORRUPT = "corrupt gzip stream";

  private GzipStream(InputStream gzip) {
    super(gzip);
  }

  static GzipStream open(InputStream compressed) throws IOException {
    try {
      // Concatenated members are legal gzip (pigz, cat a.gz b.gz); reading them all also means
      // every byte of the upload is counted and checked.
      return new GzipStream(GzipCompressorInputStream.builder()
          .setInputStream(compressed)
          .setDecompressConcatenated(true)
          .get());
    } catch (IOException | RuntimeException e) {
      throw StreamFailures.classify(e, CORRUPT);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException | RuntimeException e) {
      throw StreamFailures.classify(e, CORRUPT);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return in.read(buffer, offset, length);
    } catch (IOException | RuntimeException e) {
      throw StreamFailures.classify(e, CORRUPT);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException | RuntimeException e) {
      throw StreamFailures.classify(e, CORRUPT);
    }
  }
}
