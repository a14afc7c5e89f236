package io.dinp.hm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits the instances among the live hm processes by rendezvous (highest-random-weight)
 * hashing: each instance goes to exactly one of them, and when one dies only its instances move.
 * Every hm that sees the same live set computes the same split, with no coordination.
 */
public final class ShardAssignment {
    private ShardAssignment() {
    }

    /**
     * The instances {@code hmId} must check. Empty when {@code hmId} is not among {@code liveHms}:
     * the live ones cover everything without it.
     */
    public static Set<String> mine(String hmId, Collection<String> liveHms, Collection<String> instanceIds) {
        String[] hms = sorted(liveHms);
        Set<String> mine = new HashSet<>();
        if (Arrays.binarySearch(hms, hmId) < 0) {
            return mine;
        }
        long[] hmHashes = hashes(hms);
        for (String instance : instanceIds) {
            if (hmId.equals(hms[winner(hmHashes, hash(instance))])) {
                mine.add(instance);
            }
        }
        return mine;
    }

    /** The hm that checks {@code instanceId}. */
    public static String owner(String instanceId, Collection<String> liveHms) {
        String[] hms = sorted(liveHms);
        if (hms.length == 0) {
            throw new IllegalArgumentException("no live hm to own " + instanceId);
        }
        return hms[winner(hashes(hms), hash(instanceId))];
    }

    private static String[] sorted(Collection<String> hms) {
        return new TreeSet<>(hms).toArray(String[]::new);
    }

    private static long[] hashes(String[] hms) {
        long[] h = new long[hms.length];
        for (int i = 0; i < hms.length; i++) {
            h[i] = hash(hms[i]);
        }
        return h;
    }

    /** Index of the highest weight; ties (practically never) go to the lowest index, i.e. the smallest hm id. */
    private static int winner(long[] hmHashes, long instanceHash) {
        int best = 0;
        long bestWeight = weight(hmHashes[0], instanceHash);
        for (int i = 1; i < hmHashes.length; i++) {
            long w = weight(hmHashes[i], instanceHash);
            if (Long.compareUnsigned(w, bestWeight) > 0) {
                best = i;
                bestWeight = w;
            }
        }
        return best;
    }

    static long weight(long hmHash, long instanceHash) {
        return mix(hmHash ^ mix(instanceHash + 0x9E3779B97F4A7C15L));
    }

    /** FNV-1a over UTF-8, then a mixing step: stable across JVMs and versions, unlike String.hashCode's spread. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The splitmix64 finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
