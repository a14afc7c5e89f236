package io.dinp.common.pki;

import io.dinp.pki.CredentialFiles;
import io.dinp.pki.Credentials;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinToken;
import io.dinp.pki.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a component (agent, health monitor, dash) comes by its identity at start: the certificate
 * stored in its data directory when there is a good one, else a new one for a one-time join token.
 * A token other than the one last joined with (the operator made a new one, e.g. after a
 * revocation) joins again; the one already used is ignored, so a restart with the same token
 * file does not fail on "used already".
 */
public final class ClusterJoin {
    private static final Logger log = LoggerFactory.getLogger(ClusterJoin.class);
    static final String JOINED_WITH = "joined-with";

    private ClusterJoin() {
    }

    /**
     * The identity, renewing itself through the server from now on.
     *
     * @param tokenText the join token, or null when none was given
     * @throws EnrolmentRefused when there is no usable certificate and no token, or the server refused the token
     * @throws IOException      when the server cannot be reached: worth another try
     */
    public static ClusterIdentity join(String serverUrl, Path dataDir, Identity who, List<String> names, String tokenText,
                                       Clock clock) throws IOException, InterruptedException, EnrolmentRefused {
        CredentialFiles files = CredentialFiles.in(dataDir, who);
        JoinToken token;
        try {
            token = tokenText == null ? null : JoinToken.parse(tokenText);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentRefused(e.getMessage());
        }
        Optional<Credentials> stored = files.load();
        Path marker = files.dir().resolve(JOINED_WITH);
        String joinedWith = Files.exists(marker) ? Files.readString(marker, StandardCharsets.US_ASCII).trim() : null;
        Credentials creds;
        if (stored.isPresent() && stored.get().validAt(clock.instant()) && (token == null || token.id().equals(joinedWith))) {
            creds = stored.get();
            log.info("{}: using the certificate in {} (serial {}, valid until {})", who, files.dir(), creds.serial(), creds.notAfter());
        } else if (token == null) {
            throw new EnrolmentRefused(stored.isPresent()
                    ? "the certificate in " + files.dir() + " expired at " + stored.get().notAfter() + ": join again with a new "
                    + "token (" + howToGetToken(who.role()) + ")"
                    : "no certificate in " + files.dir() + " yet: join with a one-time token (" + howToGetToken(who.role()) + ")");
        } else {
            creds = EnrolmentClient.enrol(serverUrl, token, who, names);
            files.save(creds);
            Files.writeString(marker, token.id() + "\n", StandardCharsets.US_ASCII);
            log.info("{}: joined the cluster (CA {}), certificate serial {} valid until {}, kept in {}", who,
                    token.caFingerprint().substring(0, 16), creds.serial(), creds.notAfter(), files.dir());
        }
        ClusterIdentity identity = new ClusterIdentity(creds, files, clock);
        return identity.renewWith(current -> EnrolmentClient.renew(serverUrl, identity.httpClient(Role.SERVER), current));
    }

    static String howToGetToken(Role role) {
        return "--join-token-file FILE or DINP_JOIN_TOKEN; a site admin makes one with: dinp nodes token create --role " + role.id();
    }
}
