package io.dinp.builder.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the decompressed bytes and stops a decompression bomb early: too much in all, or too
 * much compared with the compressed bytes read so far.
 */
final class ExpansionGuard extends MeteredStream {

  private final CountingUpload upload;
  private final ArtifactLimits limits;
  private long expanded;

  ExpansionGuard(InputStream decompressed, CountingUpload upload, ArtifactLimits limits) {
    super(decompressed);
    this.upload = upload;
    this.limits = limits;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      expanded += n;
      check();
    }
    return n;
  }

  private void check() throws ArtifactRejectedException {
    if (expanded > limits.maxUncompressedBytes()) {
      throw new ArtifactRejectedException(
          "the unpacked artifact is larger than the limit of "
              + ByteSizes.format(limits.maxUncompressedBytes()));
    }
    long compressed = Math.max(upload.count(), 1);
    if (expanded > limits.compressionRatioFloorBytes()
        && expanded / compressed > limits.maxCompressionRatio()) {
      throw new ArtifactRejectedException(
          "decompression bomb: " + ByteSizes.format(compressed) + " of gzip had already expanded"
              + " to " + ByteSizes.format(expanded) + ", more than "
              + limits.maxCompressionRatio() + " times its size");
    }
  }
}
