package io.dinp.builder.artifact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds a tar.gz in memory, including the malicious entries a real tar tool would refuse. */
final class TarGz {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  private TarGz() {
    try {
      tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  static TarGz create() {
    return new TarGz();
  }

  TarGz file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  TarGz file(String name, byte[] content, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, true); // true: keep a leading "/"
    entry.setSize(content.length);
    entry.setMode(mode);
    return put(entry, content);
  }

  /** A file of {@code size} zero bytes, written without holding them in memory. */
  TarGz zeros(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(size);
    try {
      tar.putArchiveEntry(entry);
      byte[] chunk = new byte[64 * 1024];
      for (long left = size; left > 0; left -= chunk.length) {
        tar.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  TarGz dir(String name) {
    return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true),
        new byte[0]);
  }

  TarGz symlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    entry.setLinkName(target);
    return put(entry, new byte[0]);
  }

  TarGz hardLink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    entry.setLinkName(target);
    return put(entry, new byte[0]);
  }

  /** An entry of any type flag, with no content: devices, fifos, oddities. */
  TarGz special(String name, byte linkFlag) {
    return put(new TarArchiveEntry(name, linkFlag, true), new byte[0]);
  }

  byte[] bytes() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  InputStream stream() {
    return new ByteArrayInputStream(bytes());
  }

  private TarGz put(TarArchiveEntry entry, byte[] content) {
    try {
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
