package io.dinp.builder.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What has been written under the artifact root so far; the single authority on whether a path
 * is a directory we created, so nothing is ever written through a link.
 */
final class ExtractedTree {

  /** What a path under the root is. */
  enum Node {
    DIRECTORY,
    FILE,
    SYMLINK
  }

  private final Path root;
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, String> symlinkTargets = new LinkedHashMap<>();

  ExtractedTree(Path root) {
    this.root = root;
  }

  /** Creates the directory {@code path} names, unless it already exists as one. */
  void directory(EntryPath path) throws IOException {
    createParents(path);
    Node existing = nodes.get(path.normalised());
    if (existing == null) {
      createDirectory(path.normalised());
    } else if (existing != Node.DIRECTORY) {
      throw ArtifactRejectedException.forEntry(
          path.raw(), "collides with an earlier entry " + describe(path.normalised(), existing));
    }
  }

  /**
   * Reserves {@code path} for a new file or link, creating missing parent directories, and
   * returns where to create it; refuses a path that exists or lies below a non-directory.
   */
  Path claim(EntryPath path, Node node) throws IOException {
    createParents(path);
    String key = path.normalised();
    Node existing = nodes.get(key);
    if (existing != null) {
      throw ArtifactRejectedException.forEntry(
          path.raw(), "collides with an earlier entry " + describe(key, existing));
    }
    nodes.put(key, node);
    return root.resolve(key);
  }

  void recordSymlink(EntryPath path, String target) {
    symlinkTargets.put(path.normalised(), target);
  }

  /** What the normalised path {@code key} is, or null if nothing was written there. */
  Node nodeAt(String key) {
    return nodes.get(key);
  }

  Path onDisk(String key) {
    return root.resolve(key);
  }

  /** Every symbolic link written, by normalised path, with its target as given. */
  Map<String, String> symlinks() {
    return symlinkTargets;
  }

  List<String> topLevel() {
    return nodes.keySet().stream().filter(key -> key.indexOf('/') < 0).sorted().toList();
  }

  private void createParents(EntryPath path) throws IOException {
    List<String> segments = path.segments();
    for (int depth = 1; depth < segments.size(); depth++) {
      String parent = String.join("/", segments.subList(0, depth));
      Node existing = nodes.get(parent);
      if (existing == null) {
        createDirectory(parent);
      } else if (existing == Node.SYMLINK) {
        throw ArtifactRejectedException.forEntry(
            path.raw(),
            "parent " + ArtifactRejectedException.quote(parent)
                + " is a symbolic link, and nothing is written through a link");
      } else if (existing == Node.FILE) {
        throw ArtifactRejectedException.forEntry(
            path.raw(), "parent " + ArtifactRejectedException.quote(parent) + " is a file");
      }
    }
  }

  private void createDirectory(String key) throws IOException {
    // Always rwxr-xr-x: a read-only directory in the archive would stop us filling it or
    // cleaning it up.
    Path dir = Files.createDirectory(
        root.resolve(key), PosixFilePermissions.asFileAttribute(FileModes.DIRECTORY));
    Files.setPosixFilePermissions(dir, FileModes.DIRECTORY);
    nodes.put(key, Node.DIRECTORY);
  }

  private static String describe(String key, Node node) {
    String what = switch (node) {
      case DIRECTORY -> "directory";
      case FILE -> "file";
      case SYMLINK -> "symbolic link";
    };
    return "(the " + what + " " + ArtifactRejectedException.quote(key) + ")";
  }
}
