package io.dinp.builder.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw upload: counts the bytes read so far and refuses to read past the size limit.
 *
 * <p>Failures of the underlying stream are marked as {@link UploadReadException} so the layers
 * above can tell a broken connection from a corrupt artifact.
 */
final class CountingUpload extends FilterInputStream {

  private final long limit;
  private long count;

  CountingUpload(InputStream body, long limit) {
    super(body);
    this.limit = limit;
  }

  /** The compressed bytes read from the upload so far. */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw new UploadReadException(e);
    }
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new ArtifactRejectedException(
            "the upload is larger than the limit of " + ByteSizes.format(limit));
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // FilterInputStream.skip would bypass the count and the limit: read instead.
    byte[] discard = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
