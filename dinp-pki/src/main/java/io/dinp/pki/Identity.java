package io.dinp.pki;

import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who a certificate names: a role and an id (the node id, the monitor's id). Written into the
 * subject as {@code CN=<role>:<id>, OU=<role>, O=dinp}. The colon keeps the common name from ever
 * reading as a host name, so a node named like dash's host cannot pass for dash where a client
 * falls back to the common name.
 */
public record Identity(Role role, String id) {
    /** The node-id rule of the agent: a container label value and part of log lines. */
    public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");
    static final String ORGANIZATION = "dinp";

    public Identity {
        if (role == null) {
            throw new IllegalArgumentException("role: is required");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit, was '" + id + "'");
        }
    }

    /**
     * The X.500 subject in encoding order (most general first), as Bouncy Castle reads it; the JDK
     * prints it the other way round, {@code CN=node:n1,OU=node,O=dinp}.
     */
    public String subject() {
        return "O=" + ORGANIZATION + ",OU=" + role.id() + ",CN=" + role.id() + ":" + id;
    }

    /**
     * The identity a certificate of this cluster names.
     *
     * @throws IllegalArgumentException when the subject is not one this CA writes
     */
    public static Identity of(X509Certificate cert) {
        String cn = null;
        String ou = null;
        String o = null;
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                switch (rdn.getType().toUpperCase(java.util.Locale.ROOT)) {
                    case "CN" -> cn = String.valueOf(rdn.getValue());
                    case "OU" -> ou = String.valueOf(rdn.getValue());
                    case "O" -> o = String.valueOf(rdn.getValue());
                    default -> {
                        // other attributes are not ours; the three above must still be right
                    }
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("certificate subject does not parse: " + e.getMessage());
        }
        if (!ORGANIZATION.equals(o) || ou == null || cn == null || !cn.startsWith(ou + ":")) {
            throw new IllegalArgumentException("certificate subject is not a DINP identity: "
                    + cert.getSubjectX500Principal().getName());
        }
        return new Identity(Role.parse(ou), cn.substring(ou.length() + 1));
    }

    @Override
    public String toString() {
        return role.id() + " " + id;
    }
}
