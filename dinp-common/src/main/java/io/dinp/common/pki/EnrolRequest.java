package io.dinp.common.pki;

import java.util.List;

/**
 * {@code POST /internal/v1/pki/enrol}: a one-time join token, the identity asked for and a CSR.
 *
 * @param role  what the component is (node, hm, dash): must be what the token was made for
 * @param names DNS names and IP addresses for the certificate (dash's HTTPS); empty for the others
 */
public record EnrolRequest(String token, String role, String id, String csr, List<String> names) {
    /** Never the token. */
    @Override
    public String toString() {
        return "EnrolRequest[" + role + " " + id + "]";
    }
}
