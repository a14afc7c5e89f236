package io.dinp.dist;

import io.dinp.common.pki.ClusterIdentity;
import io.dinp.common.pki.EnrolmentRefused;
import java.io.IOException;
import java.time.Duration;

/**
 * Getting a component's certificate at start: waits for a server that is not up yet, gives up on
 * a refusal or a server it must not trust.
 */
final class Joining {
    private Joining() {
    }

    /** One try: the identity, or an I/O failure worth another try. */
    @FunctionalInterface
    interface Attempt {
        ClusterIdentity run() throws IOException, InterruptedException, EnrolmentRefused;
    }

    /**
     * @throws EnrolmentRefused when the server refused (the message says why and what to do)
     */
    static ClusterIdentity untilJoined(String what, String server, Attempt attempt) throws InterruptedException, EnrolmentRefused {
        Duration wait = Duration.ofMillis(500);
        while (true) {
            try {
                return attempt.run();
            } catch (javax.net.ssl.SSLHandshakeException e) {
                // not a server still starting: another cluster's server, or someone in between
                throw new EnrolmentRefused("the TLS handshake with " + server + " failed: " + e.getMessage());
            } catch (IOException e) {
                System.err.println("dinp " + what + ": cannot reach the server at " + server + " to join (" + e
                        + "); trying again in " + wait.toMillis() + " ms");
                Thread.sleep(wait.toMillis()); // the server may still be starting: no event to wait for
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            }
        }
    }
}
