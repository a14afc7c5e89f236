/**
 * The server's side of cluster security: the CA ({@link io.dinp.server.pki.ServerPki}), joining
 * and renewal ({@link io.dinp.server.pki.EnrolmentApi}), who a caller of the control API is
 * ({@link io.dinp.server.pki.PeerAuthenticator}) and which certificates are revoked
 * ({@link io.dinp.server.pki.Revocations}). See docs/security.md.
 */
package io.dinp.server.pki;
