package io.dinp.dash.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.access.AuthMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CsrfTest {
    @Test
    void onlyChangesMadeWithTheSessionCookieNeedTheToken() {
        for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertThat(Csrf.needed(m, AuthMethod.SESSION)).as(m).isTrue();
            assertThat(Csrf.needed(m, AuthMethod.TOKEN)).as(m).isFalse();
            assertThat(Csrf.needed(m, AuthMethod.BASIC)).as(m).isFalse();
        }
        assertThat(Csrf.needed("GET", AuthMethod.SESSION)).isFalse();
        assertThat(Csrf.needed("HEAD", AuthMethod.SESSION)).isFalse();
    }

    @Test
    void theTokenIsTheSessionsOwn() {
        String token = Csrf.tokenFor("session-1");
        assertThat(Csrf.matches("session-1", token)).isTrue();
        assertThat(Csrf.matches("session-2", token)).isFalse();
        assertThat(Csrf.matches("session-1", token.substring(1))).isFalse();
        assertThat(Csrf.matches("session-1", null)).isFalse();
        assertThat(Csrf.matches("session-1", "")).isFalse();
        assertThat(Csrf.matches(null, token)).isFalse();
        assertThat(token).doesNotContain("session-1").hasSize(43);
    }

    @Test
    void theCookieIsHttpOnlyStrictAndSecureWhenAsked() {
        assertThat(SessionCookie.set("abc", Duration.ofHours(12), false))
                .isEqualTo("dinp_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict");
        assertThat(SessionCookie.set("abc", Duration.ofHours(1), true)).endsWith("; Secure");
        assertThat(SessionCookie.clear(false)).startsWith("dinp_session=; Path=/; Max-Age=0");
    }
}
