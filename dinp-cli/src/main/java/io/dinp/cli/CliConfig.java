package io.dinp.cli;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code dinp login} remembers: the API and the token for it.
 *
 * @param api   the dash base URL, e.g. {@code http://127.0.0.1:7070}
 * @param user    who logged in with a password, null for a token given as is
 * @param tokenId the id of the token {@code login --user} made, which {@code logout} revokes; null otherwise
 * @param caCert  the CA certificate (PEM) an https:// API's certificate must chain to, from {@code --ca-cert};
 *                null to trust the JDK's public CAs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CliConfig(String api, String token, String user, String tokenId, String caCert) {

    public CliConfig(String api, String token, String user) {
        this(api, token, user, null, null);
    }

    public CliConfig(String api, String token, String user, String tokenId) {
        this(api, token, user, tokenId, null);
    }

    public CliConfig withCaCert(String pem) {
        return new CliConfig(api, token, user, tokenId, pem);
    }

    /** Never the token: this may end up in a terminal or a log. */
    @Override
    public String toString() {
        return "CliConfig[api=" + api + ", user=" + user + "]";
    }
}
