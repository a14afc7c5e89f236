package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Release;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseApiTest {
    static Release r(String version, long seq) {
        return new Release("a", version, seq, "img:" + version, null, null, "admin", Instant.EPOCH, null);
    }

    static final List<Release> NEWEST_FIRST = List.of(r("3", 3), r("2", 2), r("1", 1));

    @Test
    void rollbackGoesToTheReleaseBeforeTheOneRunning() {
        assertThat(ReleaseApi.previous(NEWEST_FIRST, "img:3")).get().extracting(Release::version).isEqualTo("2");
        assertThat(ReleaseApi.previous(NEWEST_FIRST, "img:2")).get().extracting(Release::version).isEqualTo("1");
    }

    @Test
    void releasesWhoseImageWasPrunedAreSkipped() {
        Release pruned = new Release("a", "2", 2, "img:2", null, null, "admin", Instant.EPOCH, Instant.EPOCH);
        assertThat(ReleaseApi.previous(List.of(r("3", 3), pruned, r("1", 1)), "img:3")).get()
                .extracting(Release::version).isEqualTo("1");
    }

    @Test
    void nothingBeforeTheOldest() {
        assertThat(ReleaseApi.previous(NEWEST_FIRST, "img:1")).isEmpty();
        assertThat(ReleaseApi.previous(List.of(), "img:1")).isEmpty();
    }

    @Test
    void anImageThatIsNoReleaseRollsBackToTheNewestButOne() {
        assertThat(ReleaseApi.previous(NEWEST_FIRST, "hand-set:9")).get().extracting(Release::version).isEqualTo("2");
    }

    @Test
    void versionsAreTagLike() {
        assertThat(io.dinp.model.AppValidation.version("1.2.3-rc_1")).isEmpty();
        assertThat(io.dinp.model.AppValidation.version("../x")).hasSize(1);
        assertThat(io.dinp.model.AppValidation.version("a b")).hasSize(1);
        assertThat(io.dinp.model.AppValidation.version(null)).hasSize(1);
    }
}
