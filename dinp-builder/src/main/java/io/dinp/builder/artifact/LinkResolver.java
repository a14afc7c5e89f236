package io.dinp.builder.artifact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Follows every symbolic link of a finished tree the way the kernel would, links within links
 * included, and rejects any that ends up outside the artifact.
 *
 * <p>It runs once the whole archive is written because a later entry can change where an
 * earlier link leads (a link through "a/b", with "a/b" itself a link added afterwards).
 */
final class LinkResolver {

  /** Linux gives up after 40 links in one lookup (ELOOP); so do we. */
  private static final int MAX_LINK_EXPANSIONS = 40;

  private final ExtractedTree tree;

  LinkResolver(ExtractedTree tree) {
    this.tree = tree;
  }

  void checkAll() throws ArtifactRejectedException {
    for (Map.Entry<String, String> link : tree.symlinks().entrySet()) {
      check(link.getKey(), link.getValue());
    }
  }

  private void check(String linkPath, String target) throws ArtifactRejectedException {
    List<String> current = new ArrayList<>(Arrays.asList(linkPath.split("/")));
    current.removeLast();
    Deque<String> pending = new ArrayDeque<>(Arrays.asList(target.split("/")));
    int expansions = 0;
    while (!pending.isEmpty()) {
      String segment = pending.removeFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (current.isEmpty()) {
          throw outside(linkPath, target);
        }
        current.removeLast();
        continue;
      }
      current.add(segment);
      String key = String.join("/", current);
      if (tree.nodeAt(key) != ExtractedTree.Node.SYMLINK) {
        // A directory, a file or nothing: for a file or nothing the kernel fails the lookup,
        // which leads nowhere, so carrying on by the text alone is on the safe side.
        continue;
      }
      if (++expansions > MAX_LINK_EXPANSIONS) {
        throw ArtifactRejectedException.forEntry(linkPath,
            "link target " + ArtifactRejectedException.quote(target)
                + " goes through more than " + MAX_LINK_EXPANSIONS + " links");
      }
      String inner = tree.symlinks().get(key);
      current.removeLast();
      if (inner.startsWith("/")) {
        throw outside(linkPath, target);
      }
      List<String> innerSegments = Arrays.asList(inner.split("/"));
      for (int i = innerSegments.size() - 1; i >= 0; i--) {
        pending.addFirst(innerSegments.get(i));
      }
    }
  }

  private static ArtifactRejectedException outside(String linkPath, String target) {
    return ArtifactRejectedException.forEntry(linkPath,
        "link target " + ArtifactRejectedException.quote(target) + " leads outside the artifact");
  }
}
