package io.dinp.registry;

import java.util.regex.Pattern;

/**
 * Builds and checks image references of the form {@code <registry>/<repo>:<tag>} and {@code <registry>/<repo>@<digest>}.
 */
public final class ImageNames {
    /** The Distribution grammar of a repository name: lower-case components separated by '/'. */
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

    private ImageNames() {
    }

    /** {@code registry/repo:tag}, or {@code registry/repo@digest} when {@code tagOrDigest} is a digest. */
    public static String reference(String registry, String repo, String tagOrDigest) {
        checkRepository(repo);
        if (isDigest(tagOrDigest)) {
            return registry + "/" + repo + "@" + tagOrDigest;
        }
        checkTag(tagOrDigest);
        return registry + "/" + repo + ":" + tagOrDigest;
    }

    /** True for {@code algorithm:hex} such as {@code sha256:…}. */
    public static boolean isDigest(String s) {
        return s != null && DIGEST.matcher(s).matches();
    }

    /** Throws {@link IllegalArgumentException} naming the rule unless {@code repo} is a valid repository name. */
    public static void checkRepository(String repo) {
        if (repo == null || repo.length() > 255 || !REPOSITORY.matcher(repo).matches()) {
            throw new IllegalArgumentException("\"" + repo + "\" is not a valid image repository name: use lower-case"
                    + " letters and digits, separated by '.', '_', '-' or '/'");
        }
    }

    /** Throws {@link IllegalArgumentException} naming the rule unless {@code tag} is a valid tag. */
    public static void checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("\"" + tag + "\" is not a valid image tag: up to 128 letters, digits,"
                    + " '_', '.' or '-', not starting with '.' or '-'");
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code digest} looks like {@code sha256:<hex>}. */
    public static void checkDigest(String digest) {
        if (!isDigest(digest)) {
            throw new IllegalArgumentException("\"" + digest + "\" is not a digest (expected sha256:<hex>)");
        }
    }
}
