package io.dinp.dash;

/** Seals the plaintext of one app's secret variable (see {@code io.dinp.common.secret.SecretBox}). */
@FunctionalInterface
interface EnvSealer {
    String seal(String app, String name, String plaintext);
}
