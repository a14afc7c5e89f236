package io.dinp.common.pki;

import io.dinp.common.http.JsonClient;
import io.dinp.pki.Credentials;
import io.dinp.pki.Csr;
import io.dinp.pki.Fingerprints;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinToken;
import io.dinp.pki.KeyPairs;
import io.dinp.pki.PinnedCaTrust;
import io.dinp.pki.Pem;
import io.dinp.pki.TlsContexts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A component's side of getting a certificate: a new key pair each time, the CSR to the server,
 * and checks on what comes back (our key, our identity, the CA we expect). The private key never
 * leaves this process.
 */
public final class EnrolmentClient {
    static final String ENROL = "/internal/v1/pki/enrol";
    static final String RENEW = "/internal/v1/pki/renew";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EnrolmentClient() {
    }

    /**
     * Joins with a one-time token, trusting only a server whose chain holds the token's CA.
     *
     * @throws EnrolmentRefused when the server refuses the token (say why, never the token)
     * @throws IOException      when the server cannot be reached: worth another try
     */
    public static Credentials enrol(String serverUrl, JoinToken token, Identity who, List<String> names)
            throws IOException, InterruptedException, EnrolmentRefused {
        KeyPair keys = KeyPairs.ecP256();
        HttpClient http = JsonClient.httpClient(TlsContexts.of(null, new PinnedCaTrust(token.caFingerprint())));
        try (http) {
            JsonClient client = new JsonClient(serverUrl, () -> http);
            JsonClient.Reply r = client.send("POST", ENROL,
                    new EnrolRequest(token.value(), who.role().id(), who.id(), Csr.create(keys, who), names), TIMEOUT);
            X509Certificate[] issued = check(r, who, keys);
            if (!Fingerprints.sha256(issued[1]).equals(token.caFingerprint())) {
                throw new EnrolmentRefused("the server answered with a CA other than the join token's");
            }
            return new Credentials(keys.getPrivate(), issued[0], issued[1]);
        }
    }

    /**
     * Renews over mutual TLS with the current certificate: a new key, the same identity.
     *
     * @throws EnrolmentRefused when the server refuses (revoked, expired)
     */
    public static Credentials renew(String serverUrl, Supplier<HttpClient> mtls, Credentials current)
            throws IOException, InterruptedException, EnrolmentRefused {
        KeyPair keys = KeyPairs.ecP256();
        JsonClient client = new JsonClient(serverUrl, mtls);
        JsonClient.Reply r = client.send("POST", RENEW, new RenewRequest(Csr.create(keys, current.identity())), TIMEOUT);
        X509Certificate[] issued = check(r, current.identity(), keys);
        if (!issued[1].equals(current.ca())) {
            throw new EnrolmentRefused("the server renewed with a CA other than the cluster's");
        }
        return new Credentials(keys.getPrivate(), issued[0], issued[1]);
    }

    private static X509Certificate[] check(JsonClient.Reply r, Identity who, KeyPair keys) throws EnrolmentRefused, IOException {
        if (r.status() >= 400 && r.status() < 500) {
            String said = r.body();
            try {
                said = io.dinp.common.Json.MAPPER.readTree(r.body()).path("error").asText(said);
            } catch (IOException e) {
                // not JSON: show it as it came
            }
            throw new EnrolmentRefused("the server refused: " + said);
        }
        if (!r.ok()) {
            throw new IOException("the server answered " + r.status() + ": " + r.body());
        }
        IssuedCertificate reply = r.as(IssuedCertificate.class);
        X509Certificate cert;
        X509Certificate ca;
        try {
            cert = Pem.certificate(reply.certificate());
            ca = Pem.certificate(reply.ca());
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's certificate " + e.getMessage());
        }
        if (!cert.getPublicKey().equals(keys.getPublic())) {
            throw new EnrolmentRefused("the server signed another key than ours");
        }
        Identity named = Identity.of(cert);
        if (!named.equals(who)) {
            throw new EnrolmentRefused("the server issued a certificate for " + named + ", not " + who);
        }
        return new X509Certificate[] {cert, ca};
    }
}
