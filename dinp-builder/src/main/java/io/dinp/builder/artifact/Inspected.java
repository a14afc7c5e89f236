package io.dinp.builder.artifact;

import java.nio.file.Path;
import java.util.List;

/**
 * An artifact that passed inspection and now lies, safe to use, under {@code root}.
 *
 * @param kind what was uploaded
 * @param fileCount how many regular files (hard links included) were written
 * @param totalBytes how many bytes of file content were written
 * @param root the directory holding the artifact: its tree, or a single {@code app.jar}/{@code
 *     app.war}
 * @param topLevelEntries the names directly under {@code root}, sorted
 */
public record Inspected(
    ArtifactKind kind, int fileCount, long totalBytes, Path root, List<String> topLevelEntries) {

  public Inspected {
    topLevelEntries = List.copyOf(topLevelEntries);
  }
}
