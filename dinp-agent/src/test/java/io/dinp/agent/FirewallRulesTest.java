package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirewallRulesTest {
    private static final String INPUT_RULE = "-A INPUT -i dinp+ -m conntrack --ctstate NEW -m comment "
            + "--comment \"dinp-agent n1: app networks reach no host port\" -j REJECT --reject-with icmp-port-unreachable";
    private static final String ALLOW_ROUTER = "-A DOCKER-USER -s 10.0.0.5/32 -o dinp+ -m conntrack --ctstate NEW -m comment "
            + "--comment \"dinp-agent n1: 10.0.0.5/32 may reach app networks\" -j RETURN";
    private static final String DROP_REST = "-A DOCKER-USER -o dinp+ -m conntrack --ctstate NEW -m comment "
            + "--comment \"dinp-agent n1: no other source reaches app networks\" -j REJECT --reject-with icmp-port-unreachable";

    @Test
    void theExactRulesInChainOrder() {
        List<FirewallRules.Rule> rules = FirewallRules.rules("n1", true, List.of("10.0.0.5/32", "10.0.1.0/24"));
        assertThat(rules).extracting(FirewallRules.Rule::args).containsExactly(
                List.of("INPUT", "-i", "dinp+", "-m", "conntrack", "--ctstate", "NEW",
                        "-m", "comment", "--comment", "dinp-agent n1: app networks reach no host port", "-j", "REJECT"),
                List.of("DOCKER-USER", "-s", "10.0.0.5/32", "-o", "dinp+", "-m", "conntrack", "--ctstate", "NEW",
                        "-m", "comment", "--comment", "dinp-agent n1: 10.0.0.5/32 may reach app networks", "-j", "RETURN"),
                List.of("DOCKER-USER", "-s", "10.0.1.0/24", "-o", "dinp+", "-m", "conntrack", "--ctstate", "NEW",
                        "-m", "comment", "--comment", "dinp-agent n1: 10.0.1.0/24 may reach app networks", "-j", "RETURN"),
                List.of("DOCKER-USER", "-o", "dinp+", "-m", "conntrack", "--ctstate", "NEW",
                        "-m", "comment", "--comment", "dinp-agent n1: no other source reaches app networks", "-j", "REJECT"));
        // the INPUT rule is the one agents added before, so an upgraded agent takes it over as it is
        assertThat(HostFirewall.rule("n1")).isEqualTo(rules.getFirst().args());
    }

    @Test
    void noAllowFromMeansThisHostOnlyAndNullMeansNoForwardRuleAtAll() {
        assertThat(FirewallRules.rules("n1", true, List.of())).extracting(FirewallRules.Rule::comment).containsExactly(
                "dinp-agent n1: app networks reach no host port", "dinp-agent n1: no other source reaches app networks");
        assertThat(FirewallRules.rules("n1", true, null)).hasSize(1);
        assertThat(FirewallRules.rules("n1", false, null)).isEmpty();
        assertThat(FirewallRules.rules("n1", false, List.of())).extracting(FirewallRules.Rule::chain).containsExactly("DOCKER-USER");
        assertThat(FirewallRules.rules("n1", true, List.of("10.0.0.5/32", "10.0.0.5/32"))).hasSize(3);
        assertThat(new HostFirewall("n1", true, null).wanted()).hasSize(2);
        assertThat(new HostFirewall("n1", true, List.of("10.0.0.5")).wanted()).hasSize(3);
        assertThat(new HostFirewall("n1", false, List.of("10.0.0.5")).wanted()).isEmpty();
    }

    @Test
    void anEmptyHostGetsEveryRuleInsertedAtTheTopInOrder() {
        var rules = FirewallRules.rules("n1", true, List.of("10.0.0.5/32"));
        var plan = FirewallRules.plan("n1", Map.of("INPUT", "-P INPUT ACCEPT\n",
                "DOCKER-USER", "-N DOCKER-USER\n-A DOCKER-USER -j RETURN\n"), rules);
        assertThat(plan.delete()).isEmpty();
        // inserted at position 1 one after the other: the last inserted ends up first
        assertThat(plan.insert()).containsExactly(
                rules.get(0).insertArgs(), rules.get(2).insertArgs(), rules.get(1).insertArgs());
        assertThat(plan.insert().get(1)).startsWith("DOCKER-USER", "1", "-o", "dinp+");
    }

    @Test
    void aRestartWithTheSameOptionsChangesNothing() {
        var rules = FirewallRules.rules("n1", true, List.of("10.0.0.5/32"));
        var plan = FirewallRules.plan("n1", Map.of("INPUT", "-P INPUT ACCEPT\n" + INPUT_RULE + "\n",
                "DOCKER-USER", "-N DOCKER-USER\n" + ALLOW_ROUTER + "\n" + DROP_REST + "\n-A DOCKER-USER -j RETURN\n"), rules);
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void changedOptionsReplaceThisNodesRulesInThatChainOnly() {
        var rules = FirewallRules.rules("n1", true, List.of("10.0.0.6/32"));
        var plan = FirewallRules.plan("n1", Map.of("INPUT", INPUT_RULE + "\n",
                "DOCKER-USER", ALLOW_ROUTER + "\n" + DROP_REST + "\n-A DOCKER-USER -j RETURN\n"), rules);
        assertThat(plan.delete()).containsExactly(
                List.of("DOCKER-USER", "-s", "10.0.0.5/32", "-o", "dinp+", "-m", "conntrack", "--ctstate", "NEW", "-m", "comment",
                        "--comment", "dinp-agent n1: 10.0.0.5/32 may reach app networks", "-j", "RETURN"),
                List.of("DOCKER-USER", "-o", "dinp+", "-m", "conntrack", "--ctstate", "NEW", "-m", "comment",
                        "--comment", "dinp-agent n1: no other source reaches app networks", "-j", "REJECT",
                        "--reject-with", "icmp-port-unreachable"));
        assertThat(plan.insert()).containsExactly(rules.get(2).insertArgs(), rules.get(1).insertArgs());
    }

    @Test
    void duplicatesAndWrongOrderAreRebuilt() {
        var rules = FirewallRules.rules("n1", true, List.of("10.0.0.5/32"));
        var dup = FirewallRules.plan("n1", Map.of("INPUT", INPUT_RULE + "\n" + INPUT_RULE + "\n"), rules);
        assertThat(dup.delete()).hasSize(2);
        assertThat(dup.insert()).containsExactly(rules.getFirst().insertArgs());
        var swapped = FirewallRules.plan("n1", Map.of("DOCKER-USER", DROP_REST + "\n" + ALLOW_ROUTER + "\n"), rules);
        assertThat(swapped.delete()).hasSize(2);
        assertThat(swapped.insert()).hasSize(2);
    }

    @Test
    void otherNodesAndOtherRulesAreNeverTouched() {
        String n10 = INPUT_RULE.replace("dinp-agent n1:", "dinp-agent n10:");
        String other = "-A DOCKER-USER -s 192.168.0.0/16 -m comment --comment \"operator: dinp-agent n1: not ours\" -j DROP";
        String n2 = DROP_REST.replace("dinp-agent n1:", "dinp-agent n2:");
        var plan = FirewallRules.plan("n1", Map.of("INPUT", n10 + "\n", "DOCKER-USER", other + "\n" + n2 + "\n"), List.of());
        assertThat(plan.isEmpty()).isTrue();
        // stopping: this node's rules go, the others stay
        var stop = FirewallRules.plan("n1", Map.of("INPUT", n10 + "\n" + INPUT_RULE + "\n",
                "DOCKER-USER", n2 + "\n" + ALLOW_ROUTER + "\n"), List.of());
        assertThat(stop.delete()).extracting(d -> d.get(0) + " " + d.get(d.indexOf("--comment") + 1)).containsExactly(
                "INPUT dinp-agent n1: app networks reach no host port",
                "DOCKER-USER dinp-agent n1: 10.0.0.5/32 may reach app networks");
        assertThat(stop.insert()).isEmpty();
    }

    @Test
    void aChainThatCouldNotBeListedIsLeftAlone() {
        var rules = FirewallRules.rules("n1", true, List.of());
        var plan = FirewallRules.plan("n1", Map.of("INPUT", ""), rules);
        assertThat(plan.insert()).containsExactly(rules.getFirst().insertArgs());
    }

    @Test
    void splitReadsQuotedComments() {
        assertThat(FirewallRules.split("-A X -m comment --comment \"a b \\\"c\\\"\" -j DROP"))
                .containsExactly("-A", "X", "-m", "comment", "--comment", "a b \"c\"", "-j", "DROP");
        assertThat(FirewallRules.split("-A X  -j DROP")).containsExactly("-A", "X", "-j", "DROP");
    }

    @Test
    void allowFromEntriesAreValidatedAndWrittenAsIptablesPrintsThem() {
        assertThat(FirewallRules.cidr("10.0.0.5")).isEqualTo("10.0.0.5/32");
        assertThat(FirewallRules.cidr(" 10.0.1.0/24 ")).isEqualTo("10.0.1.0/24");
        assertThat(FirewallRules.cidr("0.0.0.0/0")).isEqualTo("0.0.0.0/0");
        assertThat(FirewallRules.cidrs(List.of("10.0.0.5", "10.0.0.5/32", "10.0.0.6"))).containsExactly("10.0.0.5/32", "10.0.0.6/32");
        for (String bad : List.of("", "router", "10.0.0", "10.0.0.256", "10.0.0.1/33", "10.0.0.1/-1", "10.0.0.1/x", "fd00::1",
                "10.0.0.1/24/1")) {
            assertThatThrownBy(() -> FirewallRules.cidr(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--allow-from");
        }
        assertThatThrownBy(() -> FirewallRules.cidr("10.0.1.7/24")).hasMessageContaining("host bits").hasMessageContaining("10.0.1.0/24");
        assertThatThrownBy(() -> new ContainerPolicy(512, List.of(), true, null, true, List.of("nope")))
                .hasMessageContaining("--allow-from");
        assertThat(ContainerPolicy.defaults().allowFrom()).isNull();
        assertThat(ContainerPolicy.defaults().withAllowFrom(List.of("10.0.0.5")).withPidsLimit(64).allowFrom())
                .containsExactly("10.0.0.5/32");
    }
}
