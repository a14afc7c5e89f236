/**
 * A component's cluster identity over the wire: joining with a one-time token
 * ({@link io.dinp.common.pki.EnrolmentClient}), keeping and renewing the certificate
 * ({@link io.dinp.common.pki.ClusterIdentity}), and HTTP clients that present it. The server's
 * side is in {@code io.dinp.server.pki}.
 */
package io.dinp.common.pki;
