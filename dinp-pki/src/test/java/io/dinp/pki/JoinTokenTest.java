package io.dinp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JoinTokenTest {
    static final String FP = "ab".repeat(32);
    static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @Test
    void aTokenReadsBackAsWritten() {
        JoinToken t = JoinToken.generate(FP);
        assertThat(t.value()).startsWith("dinpjoin." + FP + ".");
        assertThat(JoinToken.parse("  " + t.value() + "\n")).isEqualTo(t);
        assertThat(JoinToken.generate(FP)).isNotEqualTo(t);
    }

    @Test
    void neitherItsDescriptionNorAnErrorShowsTheSecret() {
        JoinToken t = JoinToken.generate(FP);
        assertThat(t.toString()).doesNotContain(t.secret()).contains(t.id());
        String broken = t.value().replace(FP, "zz");
        assertThatThrownBy(() -> JoinToken.parse(broken)).isInstanceOf(JoinToken.Malformed.class)
                .hasMessageNotContaining(t.secret());
    }

    @Test
    void malformedTokensAreRefusedNamingThePart() {
        JoinToken t = JoinToken.generate(FP);
        assertThatThrownBy(() -> JoinToken.parse(null)).hasMessageContaining("none given");
        assertThatThrownBy(() -> JoinToken.parse("dinp_abc")).hasMessageContaining("dinpjoin.<CA fingerprint>");
        assertThatThrownBy(() -> JoinToken.parse("dinpjoin." + FP.toUpperCase() + "." + t.id() + "." + t.secret()))
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> JoinToken.parse("dinpjoin." + FP + ".xyz." + t.secret())).hasMessageContaining("id");
        assertThatThrownBy(() -> JoinToken.parse("dinpjoin." + FP + "." + t.id() + ".short")).hasMessageContaining("secret");
        assertThatThrownBy(() -> JoinToken.parse(t.value() + ".more")).hasMessageContaining("dinpjoin.<CA fingerprint>");
    }

    @Test
    void onlyTheSecretsHashIsComparedAndOnlyAnExactOneMatches() {
        JoinToken t = JoinToken.generate(FP);
        assertThat(t.secretHash()).hasSize(64).isNotEqualTo(t.secret());
        assertThat(t.matches(t.secretHash())).isTrue();
        assertThat(t.matches(JoinToken.generate(FP).secretHash())).isFalse();
        assertThat(t.matches(null)).isFalse();
    }

    static JoinGrant grant(JoinToken t, Instant expires, Instant used) {
        return new JoinGrant(t.id(), t.secretHash(), Role.NODE, NOW.minusSeconds(60), expires, used, used == null ? null : "n1");
    }

    @Test
    void anUnusedTokenBeforeItsExpiryMayJoin() {
        JoinToken t = JoinToken.generate(FP);
        assertThat(JoinGrant.refusal(t, grant(t, NOW.plusSeconds(1), null), FP, NOW)).isNull();
        assertThat(grant(t, NOW.plusSeconds(1), null).state(NOW)).isEqualTo("unused");
    }

    @Test
    void aTokenIsRefusedFromItsExpiryOn() {
        JoinToken t = JoinToken.generate(FP);
        JoinGrant g = grant(t, NOW, null);
        assertThat(JoinGrant.refusal(t, g, FP, NOW)).contains("expired at " + NOW);
        assertThat(JoinGrant.refusal(t, g, FP, NOW.minus(Duration.ofMillis(1)))).isNull();
        assertThat(g.state(NOW)).isEqualTo("expired");
    }

    @Test
    void aUsedTokenIsRefusedEvenBeforeItsExpiry() {
        JoinToken t = JoinToken.generate(FP);
        JoinGrant g = grant(t, NOW.plusSeconds(3600), NOW.minusSeconds(5));
        assertThat(JoinGrant.refusal(t, g, FP, NOW)).contains("used already (by n1)");
        assertThat(g.state(NOW)).isEqualTo("used");
    }

    @Test
    void aForgedSecretAnUnknownIdOrAnotherClustersTokenIsRefused() {
        JoinToken t = JoinToken.generate(FP);
        JoinToken forged = new JoinToken(FP, t.id(), JoinToken.generate(FP).secret());
        assertThat(JoinGrant.refusal(forged, grant(t, NOW.plusSeconds(60), null), FP, NOW)).isEqualTo("unknown join token");
        assertThat(JoinGrant.refusal(t, null, FP, NOW)).isEqualTo("unknown join token");
        assertThat(JoinGrant.refusal(t, grant(t, NOW.plusSeconds(60), null), "cd".repeat(32), NOW)).contains("another cluster");
    }
}
