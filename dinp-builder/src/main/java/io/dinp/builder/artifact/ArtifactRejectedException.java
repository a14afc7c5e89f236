package io.dinp.builder.artifact;

import java.io.IOException;

/**
 * An uploaded artifact was refused; the message names the problem in words meant for the user.
 *
 * <p>It is an {@link IOException} so it can travel up through the stream readers that detect
 * it; callers catch it before {@code IOException} (the compiler insists) to answer 400 rather
 * than 500.
 */
public final class ArtifactRejectedException extends IOException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_QUOTED_CHARS = 200;

  public ArtifactRejectedException(String problem) {
    super(problem);
  }

  /** The problem, as it should be shown to whoever uploaded the artifact. */
  public String problem() {
    return getMessage();
  }

  static ArtifactRejectedException forEntry(String entryName, String problem) {
    return new ArtifactRejectedException("entry " + quote(entryName) + ": " + problem);
  }

  /** Quotes untrusted text for a message: escaped, control characters made visible, capped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 8);
    quoted.append('"');
    int shown = Math.min(text.length(), MAX_QUOTED_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    if (shown < text.length()) {
      quoted.append('…');
    }
    return quoted.append('"').toString();
  }
}
