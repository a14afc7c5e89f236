package io.dinp.builder.artifact;

/**
 * The bounds an uploaded artifact must stay within before the builder will look at it.
 *
 * @param maxCompressedBytes the most bytes the upload itself may have
 * @param maxUncompressedBytes the most bytes the artifact may expand to
 * @param maxEntries the most tar entries (files, directories, links) it may hold
 * @param maxFileBytes the largest a single file may be
 * @param maxPathLength the longest an entry name or link target may be, in characters
 * @param maxCompressionRatio how many times its compressed size the artifact may expand to
 *     once past {@code compressionRatioFloorBytes}; more is treated as a decompression bomb
 * @param compressionRatioFloorBytes below this many expanded bytes the ratio is not checked,
 *     so small, highly compressible artifacts (a few text files) are not mistaken for bombs
 */
public record ArtifactLimits(
    long maxCompressedBytes,
    long maxUncompressedBytes,
    int maxEntries,
    long maxFileBytes,
    int maxPathLength,
    int maxCompressionRatio,
    long compressionRatioFloorBytes) {

  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;

  public ArtifactLimits {
    requirePositive(maxCompressedBytes, "maxCompressedBytes");
    requirePositive(maxUncompressedBytes, "maxUncompressedBytes");
    requirePositive(maxEntries, "maxEntries");
    requirePositive(maxFileBytes, "maxFileBytes");
    requirePositive(maxPathLength, "maxPathLength");
    requirePositive(maxCompressionRatio, "maxCompressionRatio");
    if (compressionRatioFloorBytes < 0) {
      throw new IllegalArgumentException("compressionRatioFloorBytes must not be negative");
    }
  }

  /** 512 MiB upload, 2 GiB unpacked, 20,000 entries, 1 GiB per file, 1024-character paths. */
  public static ArtifactLimits defaults() {
    return new ArtifactLimits(512 * MIB, 2 * GIB, 20_000, GIB, 1024, 100, 64 * MIB);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
