package io.dinp.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which of a node's images to delete so that only the newest {@code keep} per DINP repository remain.
 *
 * <p>An image is a candidate only when every repo tag and repo digest it has lives under one of the
 * given registry prefixes ({@code <address>/...}); an image with no reference at all, or with one
 * reference elsewhere, is never touched. Candidates are grouped by repository (the reference without
 * its tag or digest, e.g. {@code 127.0.0.1:5000/shop}); per repository the {@code keep} most recently
 * created are kept (equal creation times: the smaller id counts as newer, so the answer is
 * deterministic), and an image kept by any of its repositories is kept. An image that a container uses,
 * by id or by any of its references, is always kept and does not take one of the {@code keep} places.
 * A registry prefix may be narrower than an address ({@code address/path}) to limit the decision to
 * repositories under it.
 */
public final class ImageRetention {
    private static final String NONE = "<none>";
    private static final String SHA256 = "sha256:";

    private ImageRetention() {
    }

    /** What Docker says about one local image; {@code created} is in seconds since the epoch. */
    public record LocalImage(String id, List<String> repoTags, List<String> repoDigests, long created) {
        public LocalImage {
            Objects.requireNonNull(id, "id");
            repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
            repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        }

        /** Tags then digests, without Docker's {@code <none>} placeholders. */
        public List<String> references() {
            List<String> refs = new ArrayList<>();
            for (String r : repoTags) {
                if (isReal(r)) {
                    refs.add(r);
                }
            }
            for (String r : repoDigests) {
                if (isReal(r)) {
                    refs.add(r);
                }
            }
            return refs;
        }
    }

    /**
     * The ids of the images to delete, oldest first.
     *
     * @param images     the node's images
     * @param inUse      image ids and references used by any container (running or not), or otherwise needed
     * @param registries the DINP registry addresses ({@code host[:port]}) or narrower prefixes
     * @param keep       how many images to keep per repository, at least 1
     */
    public static List<String> toDelete(Collection<LocalImage> images, Collection<String> inUse,
                                        Collection<String> registries, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        List<String> prefixes = registries.stream().filter(r -> r != null && !r.isBlank())
                .map(r -> r.endsWith("/") ? r : r + "/").toList();
        Set<String> used = new HashSet<>();
        for (String u : inUse) {
            if (u != null && !u.isBlank()) {
                used.add(normalize(u));
            }
        }
        Map<String, List<LocalImage>> byRepository = new HashMap<>();
        for (LocalImage image : images) {
            List<String> refs = image.references();
            if (refs.isEmpty() || !refs.stream().allMatch(r -> prefixes.stream().anyMatch(r::startsWith))
                    || isUsed(image, refs, used)) {
                continue;
            }
            for (String repository : new TreeSet<>(refs.stream().map(ImageRetention::repository).toList())) {
                byRepository.computeIfAbsent(repository, k -> new ArrayList<>()).add(image);
            }
        }
        Comparator<LocalImage> newestFirst = Comparator.comparingLong(LocalImage::created).reversed()
                .thenComparing(LocalImage::id);
        Set<String> kept = new HashSet<>();
        Map<String, LocalImage> candidates = new HashMap<>();
        for (List<LocalImage> group : byRepository.values()) {
            group.sort(newestFirst);
            for (int i = 0; i < group.size(); i++) {
                LocalImage image = group.get(i);
                candidates.put(image.id(), image);
                if (i < keep) {
                    kept.add(image.id());
                }
            }
        }
        return candidates.values().stream().filter(i -> !kept.contains(i.id()))
                .sorted(newestFirst.reversed()).map(LocalImage::id).toList();
    }

    /** {@code reg/app:tag} or {@code reg/app@sha256:...} without its tag or digest. */
    static String repository(String reference) {
        int at = reference.indexOf('@');
        if (at >= 0) {
            return reference.substring(0, at);
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        return colon > slash ? reference.substring(0, colon) : reference;
    }

    private static boolean isUsed(LocalImage image, List<String> refs, Set<String> used) {
        if (used.contains(normalize(image.id()))) {
            return true;
        }
        for (String r : refs) {
            if (used.contains(normalize(r))) {
                return true;
            }
        }
        return false;
    }

    /** Full ids gain {@code sha256:}; a reference without tag or digest means {@code :latest}. */
    static String normalize(String idOrReference) {
        String s = idOrReference.strip();
        if (s.startsWith(SHA256)) {
            return s;
        }
        if (s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return SHA256 + s;
        }
        if (s.indexOf('@') < 0 && repository(s).equals(s)) {
            return s + ":latest";
        }
        return s;
    }

    private static boolean isReal(String reference) {
        return reference != null && !reference.isBlank() && !reference.startsWith(NONE);
    }
}
