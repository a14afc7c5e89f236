package io.dinp.dash.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}:
 * each hash carries its salt and parameters, so the parameters can be raised later and old hashes
 * still verify (and are re-hashed at the next sign-in, see {@link #needsRehash}).
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /**
     * Argon2id cost.
     *
     * @param memoryKiB memory per hash; the main defence against GPU guessing
     * @param iterations passes over that memory
     * @param parallelism lanes
     */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane (some 30-80 ms here). */
        public static final Params DEFAULT = new Params(19 * 1024, 2, 1);

        public Params {
            // bounds also protect against a hash row crafted to make every sign-in take forever
            if (memoryKiB < 8 * parallelism || memoryKiB > 1024 * 1024 || iterations < 1 || iterations > 100
                    || parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("argon2id parameters out of range: m=" + memoryKiB + " t=" + iterations
                        + " p=" + parallelism);
            }
        }

        String encoded() {
            return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
        }
    }

    private final Params params;
    private final SecureRandom random = new SecureRandom();
    /** Verified against for unknown users, so a sign-in takes as long whether the user exists or not. */
    private final String decoy;

    public PasswordHasher() {
        this(Params.DEFAULT);
    }

    public PasswordHasher(Params params) {
        this.params = Objects.requireNonNull(params, "params");
        this.decoy = hash("decoy password, never matches anything");
    }

    /** A new salted hash of {@code password} with the current parameters. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$" + params.encoded() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code encoded}; false for a malformed hash. Compares in constant time. */
    public boolean verify(String password, String encoded) {
        Parsed p = parse(encoded);
        if (p == null || password == null) {
            return false;
        }
        byte[] out = derive(password, p.salt, p.params, p.hash.length);
        return MessageDigest.isEqual(out, p.hash);
    }

    /** Spends the time of one verification and fails: for users that do not exist. */
    public boolean verifyDecoy(String password) {
        verify(password == null ? "" : password, decoy);
        return false;
    }

    /** Whether a hash was made with other parameters than the current ones (or cannot be read). */
    public boolean needsRehash(String encoded) {
        Parsed p = parse(encoded);
        return p == null || !p.params.equals(params) || p.hash.length != HASH_BYTES;
    }

    private record Parsed(Params params, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return null;
        }
        try {
            int m = -1;
            int t = -1;
            int par = -1;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> par = v;
                    default -> {
                        return null;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] hash = B64D.decode(parts[5]);
            if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
                return null;
            }
            return new Parsed(new Params(m, t, par), salt, hash);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static byte[] derive(String password, byte[] salt, Params p, int length) {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
