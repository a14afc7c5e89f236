package io.dinp.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Release;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseRetentionTest {
    static Release r(int seq, boolean pruned) {
        return new Release("a", "" + seq, seq, "img@" + seq, null, null, "x", Instant.EPOCH, pruned ? Instant.EPOCH : null);
    }

    static final List<Release> NEWEST_FIRST = List.of(r(5, false), r(4, false), r(3, false), r(2, false), r(1, false));

    @Test
    void keepsTheNewestN() {
        assertThat(ReleaseRetention.toPrune(NEWEST_FIRST, "img@5", 2)).extracting(Release::seq).containsExactly(3L, 2L, 1L);
    }

    @Test
    void neverTheRunningOne() {
        assertThat(ReleaseRetention.toPrune(NEWEST_FIRST, "img@2", 2)).extracting(Release::seq).containsExactly(3L, 1L);
    }

    @Test
    void notTwice() {
        List<Release> some = List.of(r(3, false), r(2, true), r(1, false));
        assertThat(ReleaseRetention.toPrune(some, "img@3", 1)).extracting(Release::seq).containsExactly(1L);
    }

    @Test
    void nothingWhenThereAreFewerThanN() {
        assertThat(ReleaseRetention.toPrune(NEWEST_FIRST, "", 5)).isEmpty();
        assertThat(ReleaseRetention.toPrune(List.of(), "", 1)).isEmpty();
    }
}
