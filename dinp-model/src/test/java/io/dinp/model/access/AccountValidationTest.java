package io.dinp.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.FieldError;
import org.junit.jupiter.api.Test;

class AccountValidationTest {
    @Test
    void userNames() {
        assertThat(AccountValidation.user("name", "alice.b_c-1")).isEmpty();
        assertThat(AccountValidation.user("name", null)).extracting(FieldError::reason).containsExactly("is required");
        assertThat(AccountValidation.user("user", "Alice")).singleElement().extracting(FieldError::field).isEqualTo("user");
        assertThat(AccountValidation.user("name", "a:b")).hasSize(1);
        assertThat(AccountValidation.user("name", "1a")).hasSize(1);
        assertThat(AccountValidation.user("name", "a".repeat(64))).hasSize(1);
    }

    @Test
    void teamNames() {
        assertThat(AccountValidation.team("name", "shop-2")).isEmpty();
        assertThat(AccountValidation.team("team", "shop-")).singleElement().extracting(FieldError::field).isEqualTo("team");
        assertThat(AccountValidation.team("name", "shop.eu")).hasSize(1);
        assertThat(AccountValidation.team("name", "")).hasSize(1);
    }

    @Test
    void passwordsNeedLengthNotComposition() {
        assertThat(AccountValidation.password("password", "correct horse")).isEmpty();
        assertThat(AccountValidation.password("password", "short")).singleElement()
                .extracting(FieldError::reason).isEqualTo("must be at least 10 characters, was 5");
        assertThat(AccountValidation.password("password", "x".repeat(1025))).hasSize(1);
        assertThat(AccountValidation.password("password", null)).hasSize(1);
        // characters, not UTF-16 units: ten emoji are ten characters
        assertThat(AccountValidation.password("password", "🔑".repeat(10))).isEmpty();
        assertThat(AccountValidation.password("password", "🔑".repeat(9))).hasSize(1);
    }

    @Test
    void tokenNames() {
        assertThat(AccountValidation.tokenName("my laptop")).isEmpty();
        assertThat(AccountValidation.tokenName(" ")).hasSize(1);
        assertThat(AccountValidation.tokenName("a\nb")).hasSize(1);
        assertThat(AccountValidation.tokenName("x".repeat(129))).hasSize(1);
    }
}
