package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.router.RetryPolicy.Failure;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "POST", "PATCH"})
    void anyMethodIsRepeatedWhenTheAppCannotHaveSeenIt(String method) {
        HttpMethod m = HttpMethod.valueOf(method);

        assertThat(RetryPolicy.mayRetry(Failure.CONNECT, m, false, false)).isTrue();
        assertThat(RetryPolicy.mayRetry(Failure.UNSENT, m, false, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
    void idempotentMethodWithoutBodySentIsRepeatedAfterTheAppMayHaveSeenIt(String method) {
        assertThat(RetryPolicy.mayRetry(Failure.UNANSWERED, HttpMethod.valueOf(method), false, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PATCH", "CONNECT", "PROPFIND"})
    void otherMethodsAreNeverRepeatedOnceTheAppMayHaveSeenThem(String method) {
        assertThat(RetryPolicy.mayRetry(Failure.UNANSWERED, HttpMethod.valueOf(method), false, false)).isFalse();
    }

    @Test
    void aRequestWhoseBodyWentOutIsNotRepeated() {
        assertThat(RetryPolicy.mayRetry(Failure.UNANSWERED, HttpMethod.PUT, true, false)).isFalse();
    }

    @Test
    void nothingIsRepeatedOnceAResponseByteArrived() {
        for (Failure failure : Failure.values()) {
            assertThat(RetryPolicy.mayRetry(failure, HttpMethod.GET, false, true)).as(failure.name()).isFalse();
        }
    }
}
