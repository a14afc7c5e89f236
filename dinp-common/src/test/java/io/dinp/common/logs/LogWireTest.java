package io.dinp.common.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogWireTest {

    @Test
    void aLineIsOneSmallJsonObjectAndReadsBack() {
        LogEvent e = LogEvent.line("83cfabb062", "n1", "stderr", Instant.parse("2026-12-04T19:56:11.123456789Z"), "a \"quoted\" line");
        String json = new String(LogWire.encode(e), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"instance\":\"83cfabb062\",\"node\":\"n1\",\"stream\":\"stderr\","
                + "\"time\":\"2026-12-04T19:56:11.123456789Z\",\"line\":\"a \\\"quoted\\\" line\"}\n");
        assertThat(LogWire.decode(json.trim())).isEqualTo(e);
        assertThat(new String(LogWire.encode(LogEvent.dropped("i", "n1", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"dropped\",\"instance\":\"i\",\"node\":\"n1\",\"count\":3}\n");
    }

    @Test
    void theWriterAnswersFalseOnceItsReaderIsGone() {
        var sink = LogWire.writer(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("broken pipe");
            }
        });
        assertThat(sink.accept(LogEvent.keepalive())).isFalse();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(LogWire.writer(buf).accept(LogEvent.keepalive())).isTrue();
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"keepalive\"}\n");
    }

    @Test
    void theLineReaderSkipsOverlongLinesAndKeepsALastLineWithoutItsEnd() throws Exception {
        String huge = "x".repeat(LogWire.MAX_LINE_BYTES + 10);
        byte[] in = ("one\n" + huge + "\ntwo\n\nthree").getBytes(StandardCharsets.UTF_8);
        LogWire.LineReader r = new LogWire.LineReader(new ByteArrayInputStream(in));
        assertThat(r.next()).isEqualTo("one");
        assertThat(r.next()).isEqualTo("two");
        assertThat(r.next()).isEqualTo("");
        assertThat(r.next()).isEqualTo("three");
        assertThat(r.next()).isNull();
    }
}
