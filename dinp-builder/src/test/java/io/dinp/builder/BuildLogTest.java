package io.dinp.builder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildLogTest {

    @Test
    void followersReadFromWhereTheyAreAndSeeTheEnd() throws Exception {
        BuildLog log = new BuildLog();
        log.line("one");
        log.line("two\n");
        assertThat(log.from(0, 0)).containsExactly("one\n", "two\n");
        assertThat(log.from(2, 0)).isEmpty();
        assertThat(log.isClosed()).isFalse();
        log.close();
        log.line("after the end");
        assertThat(log.from(2, 1000)).isEmpty();
        assertThat(log.isClosed()).isTrue();
        assertThat(log.tail(1)).isEqualTo("two\n");
    }

    @Test
    void aChattyBuildIsCutAndSaysSo() {
        BuildLog log = new BuildLog();
        String big = "x".repeat(1024 * 1024);
        for (int i = 0; i < 6; i++) {
            log.line(big);
        }
        String stored = log.finalText();
        assertThat(stored).endsWith("log lines dropped: the log is limited to 4 MB]\n");
        log.close();
        assertThat(log.text()).isEqualTo(stored);
        assertThat(log.text().length()).isLessThan(5 * 1024 * 1024);
    }
}
