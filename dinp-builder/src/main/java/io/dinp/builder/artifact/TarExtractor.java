package io.dinp.builder.artifact;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Unpacks a tar stream into an empty directory, checking every entry before writing it. */
final class TarExtractor {

  private static final String CORRUPT = "corrupt tar";

  private final ArtifactLimits limits;
  private final Path root;
  private final ExtractedTree tree;
  private final byte[] buffer = new byte[64 * 1024];
  private int entries;
  private int files;
  private long bytes;

  TarExtractor(ArtifactLimits limits, Path root) {
    this.limits = limits;
    this.root = root;
    this.tree = new ExtractedTree(root);
  }

  /** Unpacks {@code tarBytes} to its end; the caller owns and closes the stream. */
  Inspected extract(InputStream tarBytes) throws IOException {
    @SuppressWarnings("resource") // closing it would close the upload, which is not ours
    TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes, StandardCharsets.UTF_8.name());
    for (TarArchiveEntry entry = next(tar); entry != null; entry = next(tar)) {
      if (++entries > limits.maxEntries()) {
        throw new ArtifactRejectedException("more than " + limits.maxEntries() + " entries");
      }
      unpack(tar, entry);
    }
    if (entries == 0) {
      throw new ArtifactRejectedException("the archive is empty: it holds no tar entries");
    }
    // The tar ends before the gzip stream does; reading the rest checks the gzip trailer (its
    // CRC) and puts the tail, however long, through the size and bomb guards too.
    while (tarBytes.read(buffer) >= 0) {
      // discard
    }
    new LinkResolver(tree).checkAll();
    return new Inspected(ArtifactKind.TAR_GZ, files, bytes, root, tree.topLevel());
  }

  private void unpack(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
    String name = entry.getName();
    if (entry.isSparse()) {
      throw ArtifactRejectedException.forEntry(name, "sparse files are not supported");
    }
    EntryPath path = EntryPath.parse(name, limits.maxPathLength());
    if (entry.isDirectory()) {
      if (!path.isRoot()) {
        tree.directory(path);
      }
      return;
    }
    if (path.isRoot()) {
      throw ArtifactRejectedException.forEntry(name, "names the artifact root but is not a directory");
    }
    switch (entry.getLinkFlag()) {
      case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG ->
          writeFile(tar, entry, path);
      case TarConstants.LF_SYMLINK -> symlink(entry, path);
      case TarConstants.LF_LINK -> hardLink(entry, path);
      case TarConstants.LF_CHR, TarConstants.LF_BLK ->
          throw ArtifactRejectedException.forEntry(name, "device files are not allowed");
      case TarConstants.LF_FIFO ->
          throw ArtifactRejectedException.forEntry(name, "named pipes (fifos) are not allowed");
      default -> throw ArtifactRejectedException.forEntry(
          name, "unsupported entry type '" + printable(entry.getLinkFlag()) + "'");
    }
  }

  private void writeFile(TarArchiveInputStream tar, TarArchiveEntry entry, EntryPath path)
      throws IOException {
    long size = entry.getSize();
    if (size > limits.maxFileBytes()) {
      throw ArtifactRejectedException.forEntry(path.raw(), ByteSizes.format(size)
          + " is larger than the per-file limit of " + ByteSizes.format(limits.maxFileBytes()));
    }
    if (bytes + size > limits.maxUncompressedBytes()) {
      throw new ArtifactRejectedException("the unpacked artifact is larger than the limit of "
          + ByteSizes.format(limits.maxUncompressedBytes()));
    }
    Path file = tree.claim(path, ExtractedTree.Node.FILE);
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file, CREATE_NEW, WRITE, NOFOLLOW_LINKS)) {
      for (int n = read(tar); n >= 0; n = read(tar)) {
        out.write(buffer, 0, n);
        written += n;
      }
    }
    Files.setPosixFilePermissions(file, FileModes.forFile(entry.getMode()));
    files++;
    bytes += written;
  }

  private void symlink(TarArchiveEntry entry, EntryPath path) throws IOException {
    String target = entry.getLinkName();
    checkTargetText(path, target, "link target");
    String quoted = ArtifactRejectedException.quote(target);
    if (target.startsWith("/")) {
      throw ArtifactRejectedException.forEntry(
          path.raw(), "link target " + quoted + " is absolute, so it leads outside the artifact");
    }
    // By its text alone first, to fail fast; LinkResolver follows links within links at the end.
    if (EntryPath.resolve(path.parent(), target) == null) {
      throw ArtifactRejectedException.forEntry(
          path.raw(), "link target " + quoted + " leads outside the artifact");
    }
    Path link = tree.claim(path, ExtractedTree.Node.SYMLINK);
    tree.recordSymlink(path, target);
    Files.createSymbolicLink(link, Path.of(target));
  }

  private void hardLink(TarArchiveEntry entry, EntryPath path) throws IOException {
    String target = entry.getLinkName();
    checkTargetText(path, target, "hard link target");
    String quoted = ArtifactRejectedException.quote(target);
    if (target.startsWith("/")) {
      throw ArtifactRejectedException.forEntry(path.raw(),
          "hard link target " + quoted + " is absolute, so it leads outside the artifact");
    }
    // A hard link's target is named from the archive root, not from the link's directory.
    List<String> resolved = EntryPath.resolve(List.of(), target);
    if (resolved == null) {
      throw ArtifactRejectedException.forEntry(
          path.raw(), "hard link target " + quoted + " leads outside the artifact");
    }
    String key = String.join("/", resolved);
    if (tree.nodeAt(key) != ExtractedTree.Node.FILE) {
      throw ArtifactRejectedException.forEntry(path.raw(),
          "hard link target " + quoted + " is not an earlier regular file of the artifact");
    }
    Path link = tree.claim(path, ExtractedTree.Node.FILE);
    Files.createLink(link, tree.onDisk(key));
    files++;
  }

  private void checkTargetText(EntryPath path, String target, String what)
      throws ArtifactRejectedException {
    String problem = EntryPath.textProblem(target, what, limits.maxPathLength());
    if (problem != null) {
      throw ArtifactRejectedException.forEntry(path.raw(), problem);
    }
  }

  private TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException | RuntimeException e) {
      throw StreamFailures.classify(e, CORRUPT);
    }
  }

  private int read(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.read(buffer);
    } catch (IOException | RuntimeException e) {
      throw StreamFailures.classify(e, CORRUPT);
    }
  }

  private static String printable(byte flag) {
    return flag >= 0x20 && flag < 0x7f ? String.valueOf((char) flag) : String.format("\\x%02x", flag);
  }
}
