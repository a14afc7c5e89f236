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
    void nothingIsRepeatedOnceAResponseByteArrivedUnlessTheRouterHeldTheResponse() {
        for (Failure failure : Failure.values()) {
            assertThat(RetryPolicy.mayRetry(failure, HttpMethod.GET, false, true)).as(failure.name())
                    .isEqualTo(failure == Failure.CUT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
    void aResponseCutBeforeAnyOfItReachedTheClientIsRepeatedForIdempotentMethods(String method) {
        assertThat(RetryPolicy.mayRetry(Failure.CUT, HttpMethod.valueOf(method), false, true)).isTrue();
        assertThat(RetryPolicy.mayRetry(Failure.CUT, HttpMethod.valueOf(method), true, true)).as("body sent").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PATCH", "CONNECT"})
    void aCutResponseToOtherMethodsIsNeverRepeated(String method) {
        assertThat(RetryPolicy.mayRetry(Failure.CUT, HttpMethod.valueOf(method), false, true)).isFalse();
    }

    @Test
    void smallResponsesOfRepeatableRequestsAreHeldWhole() {
        assertThat(RetryPolicy.holdWhole(HttpMethod.GET, false, 0)).isTrue();
        assertThat(RetryPolicy.holdWhole(HttpMethod.GET, false, 31)).isTrue();
        assertThat(RetryPolicy.holdWhole(HttpMethod.HEAD, false, 1000)).isTrue();
        assertThat(RetryPolicy.holdWhole(HttpMethod.GET, false, RetryPolicy.HOLD_LIMIT_BYTES)).isTrue();
    }

    @Test
    void streamsLargeResponsesAndResponsesThatCouldNotBeRepeatedAnyway() {
        assertThat(RetryPolicy.holdWhole(HttpMethod.GET, false, RetryPolicy.HOLD_LIMIT_BYTES + 1)).as("too long").isFalse();
        assertThat(RetryPolicy.holdWhole(HttpMethod.GET, false, -1)).as("no length: chunked, events").isFalse();
        assertThat(RetryPolicy.holdWhole(HttpMethod.POST, false, 31)).as("not idempotent").isFalse();
        assertThat(RetryPolicy.holdWhole(HttpMethod.PUT, true, 31)).as("its body went out").isFalse();
    }

    @Test
    void roundsOverRefusingInstancesPauseLongerEachTimeUntilTheGraceIsSpent() {
        assertThat(RetryPolicy.nextRoundDelayMillis(1, 3, 2000)).isEqualTo(50);
        assertThat(RetryPolicy.nextRoundDelayMillis(2, 60, 2000)).isEqualTo(100);
        assertThat(RetryPolicy.nextRoundDelayMillis(3, 170, 2000)).isEqualTo(200);
        assertThat(RetryPolicy.nextRoundDelayMillis(4, 380, 2000)).isEqualTo(400);
        assertThat(RetryPolicy.nextRoundDelayMillis(40, 1500, 2000)).isEqualTo(400);
        // a round that would start past the grace is not made: 502 now rather than later
        assertThat(RetryPolicy.nextRoundDelayMillis(5, 1700, 2000)).isEqualTo(-1);
        assertThat(RetryPolicy.nextRoundDelayMillis(1, 0, 0)).isEqualTo(-1);
    }
}
