package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.FieldError;
import io.dinp.model.SealedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that turn a request's env and secret names into plain variables and sealed secrets. */
class SecretEnvChangeTest {
    /** Stands for sealing: visibly not the plaintext, and distinct per value. */
    static final EnvSealer SEAL = (app, name, v) -> "sealed(" + app + "/" + name + "/" + v.length() + ")";
    static final String MASK = SealedValue.MASK;

    final List<FieldError> errors = new ArrayList<>();

    SecretEnvChange.Result apply(Map<String, String> requested, List<String> names, Map<String, String> current) {
        return SecretEnvChange.apply("web", requested, names, current, SEAL, errors);
    }

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sealsTheNamedValuesAndKeepsTheOthersPlain() {
        var r = apply(env("A", "1", "TOKEN", "hunter2"), List.of("TOKEN"), Map.of());
        assertThat(errors).isEmpty();
        assertThat(r.env()).isEqualTo(Map.of("A", "1"));
        assertThat(r.secretEnv()).isEqualTo(Map.of("TOKEN", "sealed(web/TOKEN/7)"));
    }

    @Test
    void theMaskKeepsTheStoredValueAndANameStaysSecretWithoutBeingListedAgain() {
        var r = apply(env("A", "2", "TOKEN", MASK), null, Map.of("TOKEN", "old-sealed"));
        assertThat(errors).isEmpty();
        assertThat(r.secretEnv()).isEqualTo(Map.of("TOKEN", "old-sealed"));
        var changed = apply(env("TOKEN", "new"), null, Map.of("TOKEN", "old-sealed"));
        assertThat(changed.secretEnv()).isEqualTo(Map.of("TOKEN", "sealed(web/TOKEN/3)"));
        assertThat(changed.env()).isEmpty();
    }

    @Test
    void aSecretLeftOutOfEnvIsGone() {
        var r = apply(env("A", "1"), null, Map.of("TOKEN", "old-sealed"));
        assertThat(errors).isEmpty();
        assertThat(r.secretEnv()).isEmpty();
    }

    @Test
    void marksAPlainVariableSecret() {
        var r = apply(env("A", "1", "B", "2"), List.of("B"), Map.of());
        assertThat(r.env()).isEqualTo(Map.of("A", "1"));
        assertThat(r.secretEnv()).containsOnlyKeys("B");
    }

    @Test
    void aSecretBecomesPlainOnlyWithANewValue() {
        apply(env("TOKEN", MASK), List.of(), Map.of("TOKEN", "old-sealed"));
        assertThat(errors).extracting(FieldError::field).containsExactly("env.TOKEN");
        errors.clear();
        var r = apply(env("TOKEN", "now-public"), List.of(), Map.of("TOKEN", "old-sealed"));
        assertThat(errors).isEmpty();
        assertThat(r.env()).isEqualTo(Map.of("TOKEN", "now-public"));
        assertThat(r.secretEnv()).isEmpty();
    }

    @Test
    void theMaskIsNoValueForANameWithoutAStoredSecret() {
        apply(env("TOKEN", MASK), List.of("TOKEN"), Map.of());
        assertThat(errors).extracting(FieldError::field).containsExactly("env.TOKEN");
        errors.clear();
        // without the secret mark it is just text
        assertThat(apply(env("STARS", MASK), null, Map.of()).env()).isEqualTo(Map.of("STARS", MASK));
        assertThat(errors).isEmpty();
    }

    @Test
    void everySecretNameMustBeInEnv() {
        apply(env("A", "1"), List.of("MISSING"), Map.of());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("secretEnv");
            assertThat(e.reason()).contains("MISSING");
        });
    }

    @Test
    void showsSecretsMasked() {
        assertThat(SecretEnvChange.masked(Map.of("A", "1"), Map.of("T", "sealed"))).isEqualTo(Map.of("A", "1", "T", MASK));
    }
}
