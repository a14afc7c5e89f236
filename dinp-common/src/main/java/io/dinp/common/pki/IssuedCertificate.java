package io.dinp.common.pki;

/** The server's answer to enrolment and renewal: the new certificate and the CA's, as PEM. */
public record IssuedCertificate(String certificate, String ca) {
}
