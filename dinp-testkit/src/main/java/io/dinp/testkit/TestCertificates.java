package io.dinp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test-only self-signed certificates (valid 100 years) and their PKCS#8 keys, as PEM:
 * {@code shop} names www.shop.example and *.shop.example (RSA), {@code blog} names blog.example
 * (EC P-256), {@code apps} names *.apps.localhost (RSA). {@code shop-pkcs1.key} is an RSA key in
 * the old PKCS#1 form, which DINP refuses.
 */
public final class TestCertificates {
    private TestCertificates() {
    }

    public static String cert(String name) {
        return read(name + ".crt");
    }

    public static String key(String name) {
        return read(name + ".key");
    }

    public static String read(String file) {
        try (InputStream in = TestCertificates.class.getResourceAsStream("tls/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test certificate file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
