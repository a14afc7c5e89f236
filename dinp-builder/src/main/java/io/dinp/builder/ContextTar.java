package io.dinp.builder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context as a plain (uncompressed) tar: the Engine takes it as is, where
 * docker-java's own context upload gzips it to a temp file first — seconds for a large artifact,
 * paid again on every rebuild.
 */
final class ContextTar {
    private ContextTar() {
    }

    static void write(Path root, OutputStream out) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).sorted().toList();
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : paths) {
                String name = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(Files.readSymbolicLink(p).toString());
                    tar.putArchiveEntry(e);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    TarArchiveEntry e = new TarArchiveEntry(name + "/");
                    e.setMode(0755);
                    tar.putArchiveEntry(e);
                } else {
                    TarArchiveEntry e = new TarArchiveEntry(name);
                    e.setSize(Files.size(p));
                    e.setMode(executable(p) ? 0755 : 0644);
                    tar.putArchiveEntry(e);
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static boolean executable(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return perms.contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
