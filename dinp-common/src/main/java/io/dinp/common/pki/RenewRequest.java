package io.dinp.common.pki;

/** {@code POST /internal/v1/pki/renew} over mutual TLS: a CSR for a new key; the identity is the current certificate's. */
public record RenewRequest(String csr) {
}
