package io.dinp.builder.artifact;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Prepares the directory an artifact is unpacked into, and empties it after a rejection. */
final class WorkDirs {

  private WorkDirs() {}

  /** Creates {@code workDir} if needed; it must be empty, so everything in it is ours. */
  static void prepare(Path workDir) throws IOException {
    Files.createDirectories(workDir);
    try (Stream<Path> children = Files.list(workDir)) {
      if (children.findAny().isPresent()) {
        throw new IllegalArgumentException("the work directory must be empty: " + workDir);
      }
    }
  }

  /** Deletes everything under {@code workDir}, never following a link out of it. */
  static void clear(Path workDir) throws IOException {
    // walkFileTree does not follow symbolic links unless asked, so a link is deleted, not
    // its target.
    Files.walkFileTree(workDir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure)
          throws IOException {
        if (failure != null) {
          throw failure;
        }
        if (!dir.equals(workDir)) {
          Files.delete(dir);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
