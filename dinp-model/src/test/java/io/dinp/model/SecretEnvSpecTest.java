package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets in the model: sealed values only, names apart from the plain env, never printed. */
class SecretEnvSpecTest {
    static final String SEALED = "dinp:v1:0a1b2c3d:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    static final String OTHER_SEALED = "dinp:v1:0a1b2c3d:ZZECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    static AppSpec app(Map<String, String> env, Map<String, String> secrets) {
        return new AppSpec("web", "img:1", 2, 128, env, secrets, HealthSettings.DEFAULTS, 3);
    }

    @Test
    void recognisesTheSealedForm() {
        assertThat(SealedValue.looksSealed(SEALED)).isTrue();
        assertThat(SealedValue.looksSealed("hunter2")).isFalse();
        assertThat(SealedValue.looksSealed("dinp:v1:")).isFalse();
        assertThat(SealedValue.looksSealed("dinp:v1:abc:")).isFalse();
        assertThat(SealedValue.looksSealed("dinp:v1:abc:not base64!")).isFalse();
        assertThat(SealedValue.looksSealed(SealedValue.MASK)).isFalse();
        assertThat(SealedValue.looksSealed(null)).isFalse();
    }

    @Test
    void refusesPlaintextWhereASealedValueBelongsWithoutEchoingIt() {
        var errors = AppValidation.secretEnv(Map.of("DB_PASSWORD", "hunter2"), Map.of());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("secretEnv.DB_PASSWORD");
            assertThat(e.toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void aNameIsEitherSecretOrPlain() {
        assertThat(AppValidation.secretEnv(Map.of("A", SEALED), Map.of("A", "x")))
                .extracting(FieldError::field).containsExactly("secretEnv.A");
        assertThat(AppValidation.secretEnv(Map.of("PORT", SEALED), Map.of()))
                .extracting(FieldError::field).containsExactly("secretEnv.PORT");
        assertThat(AppValidation.secretEnv(Map.of("1X", SEALED), Map.of()))
                .extracting(FieldError::field).containsExactly("secretEnv.1X");
        assertThat(AppValidation.spec("web", "", 1, 128, Map.of("A", "x"), Map.of("B", SEALED), "/")).isEmpty();
    }

    @Test
    void secretsCountAgainstTheLimitOfVariables() {
        Map<String, String> plain = new java.util.HashMap<>();
        for (int i = 0; i < AppValidation.MAX_ENV; i++) {
            plain.put("V" + i, "x");
        }
        assertThat(AppValidation.secretEnv(Map.of("S", SEALED), plain)).extracting(FieldError::field).containsExactly("env");
    }

    @Test
    void theSpecHashFollowsTheSealedValueAndStaysAsBeforeWithoutSecrets() {
        AppSpec plain = app(Map.of("A", "x"), Map.of());
        assertThat(plain.specHash()).isEqualTo(new AppSpec("web", "img:1", 2, 128, Map.of("A", "x"), "/", 3).specHash());
        AppSpec secret = app(Map.of("A", "x"), Map.of("S", SEALED));
        assertThat(secret.specHash()).isNotEqualTo(plain.specHash())
                .isEqualTo(app(Map.of("A", "x"), Map.of("S", SEALED)).withInstances(5).specHash())
                .isNotEqualTo(app(Map.of("A", "x"), Map.of("S", OTHER_SEALED)).specHash());
    }

    @Test
    void instancesAndRollbacksCarryTheSealedSecrets() {
        AppSpec app = app(Map.of("A", "x"), Map.of("S", SEALED));
        InstanceSpec i = InstanceSpec.of("i1", app, "n1");
        assertThat(i.secretEnv()).isEqualTo(Map.of("S", SEALED));
        assertThat(i.specHash()).isEqualTo(app.specHash());

        AppSpec changed = app(Map.of(), Map.of("S", OTHER_SEALED));
        AppSpec back = changed.runningAs(i, 9);
        assertThat(back.secretEnv()).isEqualTo(Map.of("S", SEALED));
        assertThat(back.env()).isEqualTo(Map.of("A", "x"));
        assertThat(back.specHash()).isEqualTo(app.specHash());
        assertThat(app.withImage("img:2").secretEnv()).isEqualTo(app.secretEnv());
        assertThat(app.withGeneration(7).secretEnv()).isEqualTo(app.secretEnv());
    }

    @Test
    void printsNamesNeverValues() {
        AppSpec app = app(Map.of("GREETING", "plain-value"), Map.of("TOKEN", SEALED));
        InstanceSpec i = InstanceSpec.of("i1", app, "n1");
        Assignment a = new Assignment("n1", "e", 1, java.util.List.of(i));
        for (String s : new String[] {app.toString(), i.toString(), a.toString()}) {
            assertThat(s).contains("GREETING", "TOKEN").doesNotContain("plain-value", SEALED);
        }
    }
}
