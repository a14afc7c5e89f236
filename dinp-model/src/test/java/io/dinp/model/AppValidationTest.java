package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "hello", "my-app-2", "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsDnsLabelNames(String name) {
        assertThat(AppValidation.name(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Hello", "1app", "-app", "app-", "my_app", "a.b",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesOtherNames(String name) {
        assertThat(AppValidation.name(name)).singleElement().extracting(FieldError::field).isEqualTo("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "dinp-test/hello:v1", "registry:5000/team/app:1.2",
            "localhost/a/b/c:latest", "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsImageReferences(String image) {
        assertThat(AppValidation.image(image)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Upper/Case", "a b", "app:", ":tag", "app:tag:more", "a//b"})
    void refusesOtherImages(String image) {
        assertThat(AppValidation.image(image)).singleElement().extracting(FieldError::field).isEqualTo("image");
    }

    @Test
    void boundsOfMemoryAndInstances() {
        assertThat(AppValidation.memory(32)).isEmpty();
        assertThat(AppValidation.memory(65536)).isEmpty();
        assertThat(AppValidation.memory(31)).hasSize(1);
        assertThat(AppValidation.memory(65537)).hasSize(1);
        assertThat(AppValidation.instances(0)).isEmpty();
        assertThat(AppValidation.instances(1000)).isEmpty();
        assertThat(AppValidation.instances(-1)).hasSize(1);
        assertThat(AppValidation.instances(1001)).hasSize(1);
    }

    @Test
    void envKeysArePosixNamesAndPlatformNamesAreReserved() {
        assertThat(AppValidation.env(Map.of("A_1", "x", "_b", ""))).isEmpty();
        assertThat(AppValidation.env(Map.of("1A", "x"))).extracting(FieldError::field).containsExactly("env.1A");
        assertThat(AppValidation.env(Map.of("A-B", "x"))).extracting(FieldError::field).containsExactly("env.A-B");
        assertThat(AppValidation.env(Map.of("PORT", "1"))).extracting(FieldError::field).containsExactly("env.PORT");
        assertThat(AppValidation.env(Map.of("A", "x\0y"))).hasSize(1);
    }

    @Test
    void specHashChangesWithImageMemoryAndEnvButNotWithTheCount() {
        AppSpec a = new AppSpec("a", "img:1", 1, 64, Map.of("K", "v"), "/", 1);
        assertThat(a.withInstances(5).specHash()).isEqualTo(a.specHash());
        assertThat(new AppSpec("a", "img:2", 1, 64, Map.of("K", "v"), "/", 1).specHash()).isNotEqualTo(a.specHash());
        assertThat(new AppSpec("a", "img:1", 1, 65, Map.of("K", "v"), "/", 1).specHash()).isNotEqualTo(a.specHash());
        assertThat(new AppSpec("a", "img:1", 1, 64, Map.of("K", "w"), "/", 1).specHash()).isNotEqualTo(a.specHash());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"www.example.com", "example.com", "*.example.com",
            "a-b.c9.example", "x.y.z.example.org"})
    void customDomainsThatAreFine(String d) {
        assertThat(AppValidation.domain(d, "apps.localhost")).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "localhost", "*.com", "*", "a..b", "-a.example", "a-.example",
            "A.example", "a b.example", "a_b.example", "*.*.example", "w*.example", "a.example.", "apps.localhost",
            "x.apps.localhost", "*.apps.localhost"})
    void customDomainsThatAreRefused(String d) {
        assertThat(AppValidation.domain(d, "apps.localhost")).extracting(FieldError::field).containsExactly("domain");
    }

    @org.junit.jupiter.api.Test
    void aDomainIsAtMost253Characters() {
        String label = "a".repeat(63);
        String ok = String.join(".", label, label, label, "a".repeat(61));
        assertThat(ok).hasSize(253);
        assertThat(AppValidation.domain(ok, null)).isEmpty();
        assertThat(AppValidation.domain(ok + "a", null)).isNotEmpty();
        assertThat(AppValidation.domain(null, null)).isNotEmpty();
    }
}
