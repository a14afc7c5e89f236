package io.dinp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.registry.RegistryException.Reason;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
    private static final RegistryCredentials REG = new RegistryCredentials("10.0.0.5:5000", "dinp", "pw-not-shown");

    @Test
    void classifiesTheDaemonsWording() {
        assertThat(DockerFailures.classify("Head \"http://127.0.0.1:5000/v2/x/manifests/v1\": no basic auth credentials"))
                .isEqualTo(Reason.AUTH);
        assertThat(DockerFailures.classify("unauthorized: authentication required")).isEqualTo(Reason.AUTH);
        assertThat(DockerFailures.classify("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"))
                .isEqualTo(Reason.UNREACHABLE);
        assertThat(DockerFailures.classify("manifest for 127.0.0.1:5000/x:v9 not found: manifest unknown"))
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(DockerFailures.classify("disk full")).isEqualTo(Reason.OTHER);
    }

    @Test
    void failureMessagesNameRegistryAndUserButNotThePassword() {
        RegistryException e = DockerFailures.failure(REG, "pulling 10.0.0.5:5000/x:v1", "unauthorized", null);
        assertThat(e.reason()).isEqualTo(Reason.AUTH);
        assertThat(e.getMessage()).contains("10.0.0.5:5000", "dinp", "pulling").doesNotContain("pw-not-shown");
    }

    @Test
    void followsLinkHeadersAndKnowsLoopbackAddresses() {
        assertThat(RegistryClient.nextLink("</v2/app/tags/list?last=v9&n=100>; rel=\"next\""))
                .isEqualTo("/v2/app/tags/list?last=v9&n=100");
        assertThat(RegistryClient.nextLink("</x>; rel=\"prev\"")).isNull();
        assertThat(RegistryClient.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(RegistryClient.isLoopback("localhost:5000")).isTrue();
        assertThat(RegistryClient.isLoopback("[::1]:5000")).isTrue();
        assertThat(RegistryClient.isLoopback("10.0.0.5:5000")).isFalse();
        assertThat(RegistryClient.isLoopback("registry.example.com")).isFalse();
    }

    @Test
    void pushedImageGivesTagAndPinnedReferences() {
        PushedImage p = new PushedImage("r:5000", "web", "v1", "sha256:abc");
        assertThat(p.reference()).isEqualTo("r:5000/web:v1");
        assertThat(p.pinned()).isEqualTo("r:5000/web@sha256:abc");
    }
}
