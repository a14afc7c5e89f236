package io.dinp.common.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's AES-256 keys for secrets: the first seals new values, every one opens the values
 * sealed with it. Rotating = putting a new key first and keeping the old ones until nothing
 * sealed with them is left. A key's id is derived from the key itself, so files need no names
 * and two copies of a file always agree. Prints ids only.
 */
public final class SecretKeys {
    /** AES-256. */
    public static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> byId;
    private final String currentId;

    private SecretKeys(Map<String, SecretKey> byId, String currentId) {
        this.byId = byId;
        this.currentId = currentId;
    }

    /**
     * Keys from the text of a key file: one base64 key (32 bytes) a line, the current one first;
     * blank lines and lines starting with {@code #} are skipped.
     *
     * @param source where the text came from, for the error messages
     * @throws IllegalArgumentException naming the line that is not a key (without its content)
     */
    public static SecretKeys parse(String text, String source) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String first = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] raw = decode(line);
            if (raw == null || raw.length != KEY_BYTES) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": not a secret key (expected "
                        + KEY_BYTES + " random bytes in base64, e.g. from: head -c 32 /dev/urandom | base64)");
            }
            String id = idOf(raw);
            if (keys.containsKey(id)) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": the key " + id + " is there twice");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
            first = first == null ? id : first;
        }
        if (first == null) {
            throw new IllegalArgumentException(source + ": holds no secret key");
        }
        return new SecretKeys(Map.copyOf(keys), first);
    }

    /** A ring of one new random key. */
    public static SecretKeys generate() {
        return parse(newKeyLine(), "a new key");
    }

    /** A new random key as a line of a key file. */
    public static String newKeyLine() {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The id of the key that seals new values. */
    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return byId.get(currentId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every key id, the current one first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(currentId);
        byId.keySet().stream().filter(id -> !id.equals(currentId)).sorted().forEach(ids::add);
        return ids;
    }

    @Override
    public String toString() {
        return "SecretKeys" + ids();
    }

    /** Eight hex digits of a hash of the key: names it in sealed values without revealing anything of it. */
    static String idOf(byte[] key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("dinp-secret-key-id\0".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String line) {
        try {
            return Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(line);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
