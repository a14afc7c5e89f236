package io.dinp.builder.artifact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tar entry name, checked and normalised: printable, relative, and inside the artifact.
 *
 * @param raw the name as the archive gives it, for messages
 * @param segments the normalised path below the artifact root; empty for the root itself
 */
record EntryPath(String raw, List<String> segments) {

  /** Linux's NAME_MAX: a longer path component cannot be created, so it is refused up front. */
  private static final int MAX_SEGMENT_BYTES = 255;

  EntryPath {
    segments = List.copyOf(segments);
  }

  static EntryPath parse(String raw, int maxLength) throws ArtifactRejectedException {
    String problem = textProblem(raw, "name", maxLength);
    if (problem != null) {
      throw ArtifactRejectedException.forEntry(raw, problem);
    }
    if (raw.startsWith("/")) {
      throw ArtifactRejectedException.forEntry(raw, "absolute path");
    }
    List<String> segments = resolve(List.of(), raw);
    if (segments == null) {
      throw ArtifactRejectedException.forEntry(raw, "path escapes the artifact");
    }
    for (String segment : segments) {
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw ArtifactRejectedException.forEntry(
            raw, "a path component is longer than " + MAX_SEGMENT_BYTES + " bytes");
      }
    }
    return new EntryPath(raw, segments);
  }

  /**
   * Says what is wrong with an untrusted name or link target, or returns null when nothing is.
   *
   * @param what how to call the text in the message: "name", "link target"
   */
  static String textProblem(String text, String what, int maxLength) {
    if (text.isEmpty()) {
      return what + " is empty";
    }
    if (text.length() > maxLength) {
      return what + " is longer than " + maxLength + " characters";
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return what + " contains a control character";
      }
    }
    return null;
  }

  /**
   * Resolves {@code relative} against the directory {@code base} by its text alone: "." and
   * empty segments are dropped, ".." climbs. Returns null if it climbs above the root.
   */
  static List<String> resolve(List<String> base, String relative) {
    List<String> resolved = new ArrayList<>(base);
    for (String segment : relative.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (resolved.isEmpty()) {
          return null;
        }
        resolved.removeLast();
      } else {
        resolved.add(segment);
      }
    }
    return resolved;
  }

  boolean isRoot() {
    return segments.isEmpty();
  }

  List<String> parent() {
    return segments.subList(0, segments.size() - 1);
  }

  /** The normalised path, "/"-separated, as used for keys and messages. */
  String normalised() {
    return String.join("/", segments);
  }
}
