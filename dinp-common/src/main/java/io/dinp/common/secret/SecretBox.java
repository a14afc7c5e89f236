package io.dinp.common.secret;

import io.dinp.model.SealedValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens secrets with AES-256-GCM: a random 96-bit nonce per value, a 128-bit tag, and
 * what the value belongs to ({@code context}, e.g. app and variable name) as associated data, so
 * a sealed value copied to another app or variable does not open. The result names its key
 * ({@link SealedValue}), so values sealed before a key rotation still open. Thread-safe.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";

    private final SecretKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretKeys keys) {
        this.keys = keys;
    }

    /** The context of an app's environment variable: a sealed value opens only for that app and name. */
    public static String envContext(String app, String name) {
        return "env\0" + app + "\0" + name;
    }

    /** {@code plaintext} sealed with the current key for {@code context}. */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance(CIPHER);
            c.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return SealedValue.PREFIX + keys.currentId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot seal with key " + keys.currentId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext of a value sealed for {@code context}.
     *
     * @throws SecretException when the value is not sealed, its key is not here, or it was changed
     *                         or sealed for another context
     */
    public String open(String sealed, String context) {
        if (!SealedValue.looksSealed(sealed)) {
            throw new SecretException("not a sealed value");
        }
        int colon = sealed.indexOf(':', SealedValue.PREFIX.length());
        String keyId = sealed.substring(SealedValue.PREFIX.length(), colon);
        SecretKey key = keys.byId(keyId).orElseThrow(() -> new SecretException("sealed with key " + keyId
                + ", which is not among this process's keys " + keys.ids() + ": use the cluster's secret key file"));
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretException("sealed value with key " + keyId + " is not valid base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretException("sealed value with key " + keyId + " is too short");
        }
        try {
            Cipher c = Cipher.getInstance(CIPHER);
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretException("sealed value with key " + keyId
                    + " does not open: it was changed, or sealed for another app or variable");
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot open with key " + keyId + ": " + e.getMessage(), e);
        }
    }

    /** The key ids this box holds, the sealing one first. */
    public String describe() {
        return keys.toString();
    }

    @Override
    public String toString() {
        return "SecretBox" + keys.ids();
    }
}
