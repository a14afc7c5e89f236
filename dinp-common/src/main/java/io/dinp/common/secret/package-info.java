/**
 * Secrets at rest: the cluster's secret keys ({@link io.dinp.common.secret.SecretKeys}, read from
 * a file by {@link io.dinp.common.secret.SecretKeyFile}) and sealing with them
 * ({@link io.dinp.common.secret.SecretBox}: AES-256-GCM, a random nonce per value, the key id
 * and what the value is bound to travelling with it). Pure apart from the key file.
 */
package io.dinp.common.secret;
