/**
 * The cluster's public-key infrastructure: a certificate authority that signs each component's
 * certificate ({@link io.dinp.pki.ClusterCa}), the identity a certificate carries
 * ({@link io.dinp.pki.Identity}), one-time join tokens ({@link io.dinp.pki.JoinToken}), when to
 * renew ({@link io.dinp.pki.RenewalSchedule}), and the JDK TLS pieces that use them: a key manager
 * whose certificate can be swapped while connections run ({@link io.dinp.pki.SwappableKeyManager})
 * and trust managers that accept only peers of given roles ({@link io.dinp.pki.ClusterTrust},
 * {@link io.dinp.pki.PinnedCaTrust}). See docs/security.md.
 */
package io.dinp.pki;
