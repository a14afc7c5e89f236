package io.dinp.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.LogQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogQueriesTest {

    @Test
    void theAgentPathCarriesEveryPartOfTheQuery() {
        assertThat(LogQueries.path(new LogQuery("web", "83cfabb062", Instant.parse("2026-12-04T19:56:11Z"), 50, true)))
                .isEqualTo("/internal/v1/apps/web/logs?tail=50&follow=true&instance=83cfabb062&since=2026-12-04T19%3A56%3A11Z");
        assertThat(LogQueries.path(new LogQuery("web", null, null, LogQuery.ALL, false)))
                .isEqualTo("/internal/v1/apps/web/logs?tail=-1&follow=false");
    }

    @Test
    void tailIsAWholeNumberInRangeOrAll() {
        assertThat(LogQueries.tail(null, 100)).isEqualTo(100);
        assertThat(LogQueries.tail("0", 100)).isZero();
        assertThat(LogQueries.tail("all", 100)).isEqualTo(LogQuery.ALL);
        assertThat(LogQueries.tail("10000", 100)).isEqualTo(10_000);
        for (String bad : new String[] {"10001", "-2", "ten", "1e3"}) {
            assertThatThrownBy(() -> LogQueries.tail(bad, 100)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("tail: ");
        }
    }

    @Test
    void instanceIdsAndFlagsAreCheckedByName() {
        assertThat(LogQueries.instance("83cfabb062")).isEqualTo("83cfabb062");
        assertThat(LogQueries.instance("")).isNull();
        assertThatThrownBy(() -> LogQueries.instance("../etc")).hasMessageStartingWith("instance: ");
        assertThat(LogQueries.bool("true", "follow")).isTrue();
        assertThat(LogQueries.bool(null, "follow")).isFalse();
        assertThatThrownBy(() -> LogQueries.bool("yes", "follow")).hasMessageStartingWith("follow: ");
    }
}
