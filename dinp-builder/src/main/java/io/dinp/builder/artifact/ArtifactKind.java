package io.dinp.builder.artifact;

import java.util.Locale;

/** What an upload is, told from its first bytes: a gzip-compressed tar, or a bare jar or war. */
public enum ArtifactKind {
  TAR_GZ,
  JAR,
  WAR;

  /** How many leading bytes {@link #detect} needs. */
  static final int MAGIC_LENGTH = 4;

  /**
   * Detects the kind from the upload's first bytes; a zip is a war when the declared name ends
   * in {@code .war}, a jar otherwise.
   *
   * @param head the first bytes of the upload, fewer if the upload is shorter
   * @param declaredName the file name the uploader gave, or null
   */
  public static ArtifactKind detect(byte[] head, String declaredName)
      throws ArtifactRejectedException {
    if (head.length == 0) {
      throw new ArtifactRejectedException("the body is empty: send the artifact as the body");
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return TAR_GZ;
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return declaredName != null && lower(declaredName).endsWith(".war") ? WAR : JAR;
    }
    if (declaredName != null && looksGzipped(lower(declaredName))) {
      throw new ArtifactRejectedException(
          "not gzip: the body does not start with the gzip magic bytes (1f 8b)");
    }
    throw new ArtifactRejectedException(
        "not a gzip-compressed tar or a jar/war: the body starts with neither the gzip magic"
            + " bytes (1f 8b) nor the zip magic bytes (50 4b 03 04)");
  }

  private static boolean looksGzipped(String name) {
    return name.endsWith(".gz") || name.endsWith(".tgz");
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
