package io.dinp.builder.artifact;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reduces a tar entry's mode to 0755 or 0644: no setuid, setgid, sticky or world-writable bits,
 * only whether the file is executable survives.
 */
final class FileModes {

  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
  private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");

  private FileModes() {}

  /** The sanitised mode for a regular file whose tar header says {@code mode}. */
  static int sanitise(int mode) {
    return (mode & 0111) != 0 ? 0755 : 0644;
  }

  static Set<PosixFilePermission> forFile(int mode) {
    return sanitise(mode) == 0755 ? EXECUTABLE : PLAIN;
  }
}
