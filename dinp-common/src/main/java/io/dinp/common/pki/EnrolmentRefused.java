package io.dinp.common.pki;

/** The server refused to issue a certificate (a bad token, a revoked node): trying again will not help. */
public final class EnrolmentRefused extends Exception {
    public EnrolmentRefused(String message) {
        super(message);
    }
}
