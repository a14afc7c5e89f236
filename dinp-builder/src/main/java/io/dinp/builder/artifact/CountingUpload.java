package io.dinp.builder.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * The raw upload: counts the bytes read so far and refuses to read past the size limit.
 *
 * <p>Failures of the underlying stream are marked as {@link UploadReadException} so the layers
 * above can tell a broken connection from a corrupt artifact.
 */
final class CountingUpload extends MeteredStream {

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
}
