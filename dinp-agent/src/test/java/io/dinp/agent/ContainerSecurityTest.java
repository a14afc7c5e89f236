package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.dinp.common.secret.SecretBox;
import io.dinp.common.secret.SecretKeys;
import io.dinp.model.InstanceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every container is confined by, and where secrets are opened — without Docker. */
class ContainerSecurityTest {

    @Test
    void everyContainerDropsAllCapabilitiesCannotGainPrivilegesAndHasAProcessLimit() {
        HostConfig h = ContainerSecurity.apply(HostConfig.newHostConfig(), ContainerPolicy.defaults(), false, 128);
        assertThat(h.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(h.getCapAdd()).isEmpty();
        assertThat(h.getPrivileged()).isFalse();
        assertThat(h.getSecurityOpts()).containsExactly("no-new-privileges:true");
        assertThat(h.getPidsLimit()).isEqualTo(512L);
        assertThat(h.getReadonlyRootfs()).isFalse();
        assertThat(h.getTmpFs()).isNull();
        assertThat(h.getBinds()).isNullOrEmpty();
        assertThat(h.getMounts()).isNullOrEmpty();
    }

    @Test
    void aReadOnlyStackGetsATmpfsTmpCountedAgainstItsMemory() {
        HostConfig h = ContainerSecurity.apply(HostConfig.newHostConfig(), ContainerPolicy.defaults(), true, 256);
        assertThat(h.getReadonlyRootfs()).isTrue();
        assertThat(h.getTmpFs()).containsOnlyKeys("/tmp");
        assertThat(h.getTmpFs().get("/tmp")).contains("size=256m", "nosuid", "nodev");
    }

    @Test
    void capabilitiesGivenBackAreNamedAndTheDangerousOnesAreRefused() {
        ContainerPolicy p = new ContainerPolicy(0, List.of("net_bind_service", "CAP_CHOWN"), true, null, true);
        assertThat(p.capAdd()).containsExactly("NET_BIND_SERVICE", "CHOWN");
        HostConfig h = ContainerSecurity.apply(HostConfig.newHostConfig(), p, false, 64);
        assertThat(h.getCapAdd()).containsExactly(Capability.NET_BIND_SERVICE, Capability.CHOWN);
        assertThat(h.getPidsLimit()).as("0: Docker's default").isNull();
        for (String bad : List.of("SYS_ADMIN", "all", "NET_ADMIN", "SYS_PTRACE")) {
            assertThatThrownBy(() -> new ContainerPolicy(512, List.of(bad), true, null, true))
                    .hasMessageContaining("--cap-add").hasMessageContaining("never");
        }
        assertThatThrownBy(() -> new ContainerPolicy(512, List.of("FLY"), true, null, true)).hasMessageContaining("not a capability");
        assertThatThrownBy(() -> new ContainerPolicy(8, List.of(), true, null, true)).hasMessageContaining("--pids-limit");
        assertThatThrownBy(() -> new ContainerPolicy(-1, List.of(), true, null, true)).hasMessageContaining("--pids-limit");
    }

    @Test
    void onlyTheLocalSocketReachesDocker() {
        DockerClients.requireLocalSocket("unix:///var/run/docker.sock");
        for (String remote : new String[] {"tcp://10.0.0.5:2375", "tcp://127.0.0.1:2376", "ssh://host", "", null}) {
            assertThatThrownBy(() -> DockerClients.requireLocalSocket(remote)).hasMessageContaining("local socket");
        }
    }

    @Test
    void subnetsComeFromThePoolAndSkipWhatIsTaken() {
        SubnetPool pool = SubnetPool.parse("10.213.0.0/16");
        assertThat(pool.size()).isEqualTo(256);
        assertThat(pool.cidr()).isEqualTo("10.213.0.0/16");
        List<String> all = pool.candidates("web", List.of());
        assertThat(all).hasSize(256).doesNotHaveDuplicates().allMatch(s -> s.matches("10\\.213\\.\\d+\\.0/24"));
        assertThat(pool.candidates("web", List.of())).isEqualTo(all);
        String first = all.getFirst();
        assertThat(pool.candidates("web", List.of(first, "172.17.0.0/16", "fd00::/64")))
                .hasSize(255).doesNotContain(first);
        assertThat(pool.candidates("web", List.of("10.0.0.0/8"))).as("a wider network overlaps them all").isEmpty();
        assertThat(SubnetPool.parse("10.200.0.0/23").candidates("a", List.of())).containsExactlyInAnyOrder(
                "10.200.0.0/24", "10.200.1.0/24");
        for (String bad : List.of("10.213.0.0", "10.213.0.1/16", "10.213.0.0/25", "300.1.1.0/24", "x/16")) {
            assertThatThrownBy(() -> SubnetPool.parse(bad)).hasMessageContaining("app network range");
        }
    }

    @Test
    void bridgeNamesFitLinuxInterfaceNamesAndOneRuleCoversThemAll() {
        String name = AppNetworks.bridgeName("a-very-long-application-name-that-goes-on-and-on-for-sixty-three");
        assertThat(name).hasSizeLessThanOrEqualTo(15).startsWith(AppNetworks.BRIDGE_PREFIX);
        assertThat(AppNetworks.bridgeName("web")).isNotEqualTo(AppNetworks.bridgeName("shop"));
        assertThat(AppNetworks.networkName("web")).isEqualTo("dinp-web");
        assertThat(HostFirewall.rule("n1")).containsSubsequence("INPUT", "-i", "dinp+", "--ctstate", "NEW", "-j", "REJECT");
        assertThat(String.join(" ", HostFirewall.rule("n1"))).contains("dinp-agent n1");
    }

    @Test
    void secretsOpenForTheirAppOnlyAndFailuresNameTheVariableNotTheValue() throws Exception {
        SecretBox box = new SecretBox(SecretKeys.generate());
        String sealed = box.seal("hunter2", SecretBox.envContext("web", "DB_PASSWORD"));
        InstanceSpec spec = new InstanceSpec("i1", "web", "n", "img", 64, Map.of("A", "1"), Map.of("DB_PASSWORD", sealed), "h");
        assertThat(new SecretEnvOpener(() -> box).open(spec)).isEqualTo(Map.of("DB_PASSWORD", "hunter2"));

        InstanceSpec moved = new InstanceSpec("i2", "shop", "n", "img", 64, Map.of(), Map.of("DB_PASSWORD", sealed), "h");
        assertThatThrownBy(() -> new SecretEnvOpener(() -> box).open(moved)).isInstanceOf(LaunchException.class)
                .hasMessageContaining("DB_PASSWORD").hasMessageContaining("shop").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SecretEnvOpener.none().open(spec)).isInstanceOf(LaunchException.class)
                .hasMessageContaining("--secret-key-file");
        InstanceSpec plain = new InstanceSpec("i3", "web", "n", "img", 64, Map.of("A", "1"), "h");
        assertThat(SecretEnvOpener.none().open(plain)).as("no key needed without secrets").isEmpty();
    }
}
