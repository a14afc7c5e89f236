package io.dinp.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.dinp.registry.RegistryException.Reason;
import io.dinp.testkit.CapturingProxy;
import io.dinp.testkit.Docker;
import io.dinp.testkit.RegistryServerProcess;
import io.dinp.testkit.TestCa;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushes and pulls through the real Docker Engine to a registry serving TLS with a private CA, on
 * an address of this machine that is not loopback (where the Engine verifies certificates): without
 * the CA the Engine refuses, naming the certificate; with the CA installed by {@link EngineTrust}
 * pushes, pulls and the registry API work; a plain-TCP relay between Engine and registry sees no
 * credentials, no repository name, no API path.
 */
class RegistryTlsIT {
    static String host;
    static TestCa ca;
    static RegistryServerProcess registry;
    static DockerClient docker;
    static String hello;
    static final List<Path> installed = new ArrayList<>();
    static final List<String> localRefs = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        host = RegistryServerProcess.hostAddress();
        assumeTrue(host != null, "this machine has no address besides loopback");
        ca = TestCa.create("registry-it");
        registry = new RegistryServerProcess(host, ca.issue("registry", "IP:" + host)).start();
        hello = TestImages.ensureHello(TestImages.V1);
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build());
    }

    @AfterAll
    static void stop() throws Exception {
        localRefs.forEach(ref -> Docker.succeeds("rmi", ref));
        // only the directories this test made for its own registries' addresses
        for (Path ca : installed) {
            try (var files = Files.walk(ca.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        if (docker != null) {
            docker.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static RegistryCredentials credentials(String address) {
        return new RegistryCredentials(address, RegistryServerProcess.USER, registry.password());
    }

    /** Makes the Engine trust the test CA for {@code address}, to be undone after the tests. */
    static void trust(String address) throws IOException {
        installed.add(EngineTrust.file(EngineTrust.DEFAULT_DIR, address));
        EngineTrust.install(EngineTrust.DEFAULT_DIR, address, ca.certificate());
    }

    static String repo() {
        return "tls-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static PushedImage push(RegistryCredentials to, String repo) {
        localRefs.add(to.address() + "/" + repo + ":v1");
        return new ImagePusher(docker, to).push(hello, repo, "v1");
    }

    @Test
    void anEngineWithoutTheCaRefusesTheRegistryNamingItsCertificate() throws Exception {
        try (RegistryServerProcess untrusted = new RegistryServerProcess(host, ca.issue("untrusted", "IP:" + host)).start()) {
            RegistryCredentials creds = new RegistryCredentials(untrusted.address(), RegistryServerProcess.USER, untrusted.password());
            assertThatThrownBy(() -> push(creds, repo()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                    .hasMessageContaining("does not trust the TLS certificate of registry " + untrusted.address())
                    .hasMessageContaining("x509")
                    .hasMessageNotContaining(untrusted.password());
        }
    }

    @Test
    void withTheCaInstalledPushPullAndTheApiVerifyTheRegistry() throws Exception {
        trust(registry.address());
        String repo = repo();
        PushedImage image = push(credentials(registry.address()), repo);
        RegistryCredentials withCa = credentials(registry.address()).withCaCertificate(ca.certificate());
        assertThat(new RegistryClient(withCa).tags(repo)).containsExactly("v1");
        assertThat(new RegistryClient(withCa).digest(repo, "v1")).contains(image.digest());
        localRefs.add(registry.address() + "/" + repo + "@" + image.digest());
        assertThat(new ImagePuller(docker, withCa).pull(repo, image.digest())).endsWith(image.digest());
    }

    @Test
    void theRegistryApiClientRefusesACertificateItCannotTrust() {
        // the JVM's default CAs do not know the test CA
        assertThatThrownBy(() -> new RegistryClient(credentials(registry.address())).tags("anything"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS))
                .hasMessageContaining("its TLS certificate is not trusted")
                .hasMessageContaining("the JVM's default CAs");
    }

    @Test
    void aPlainTcpProbeBetweenEngineAndRegistrySeesNoCredentialsOrNames() throws Exception {
        try (CapturingProxy wire = new CapturingProxy(InetAddress.getByName(host), host, registry.port())) {
            String viaWire = host + ":" + wire.port();
            trust(viaWire);
            String repo = repo();
            push(credentials(viaWire), repo);
            String basic = Base64.getEncoder().encodeToString((RegistryServerProcess.USER + ":" + registry.password())
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(wire.bytes()).as("the push went through the relay").isGreaterThan(100_000);
            assertThat(wire.saw(registry.password())).as("the password in the clear").isFalse();
            assertThat(wire.saw(basic)).as("the Basic credentials in the clear").isFalse();
            assertThat(wire.saw(repo)).as("the repository name in the clear").isFalse();
            assertThat(wire.saw("/v2/")).as("the registry API in the clear").isFalse();
        }
    }
}
