package io.dinp.registry;

/**
 * An image now in the registry: {@code registry/repo:tag} and the manifest digest the registry stored.
 */
public record PushedImage(String registry, String repository, String tag, String digest) {

    /** {@code registry/repo:tag}. */
    public String reference() {
        return registry + "/" + repository + ":" + tag;
    }

    /** {@code registry/repo@digest}: what a release should run, immune to a re-pushed tag. */
    public String pinned() {
        return registry + "/" + repository + "@" + digest;
    }
}
