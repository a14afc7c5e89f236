package io.dinp.common.logs;

import io.dinp.common.Json;
import io.dinp.model.LogEvent;
import io.dinp.model.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Log events on the wire and on disk: newline-delimited JSON, one event per line
 * ({@code application/x-ndjson}).
 */
public final class LogWire {
    public static final String CONTENT_TYPE = "application/x-ndjson";
    /** Longest line read back; what is longer was not written by DINP and is skipped. */
    static final int MAX_LINE_BYTES = 256 * 1024;

    private LogWire() {
    }

    public static byte[] encode(LogEvent e) {
        byte[] json = Json.bytes(e);
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }

    /** The event of one line; throws {@link java.io.UncheckedIOException} when it is not one. */
    public static LogEvent decode(String line) {
        return Json.read(line, LogEvent.class);
    }

    /** A sink writing to {@code out}; it answers false once writing failed (the reader went away). */
    public static LogSink writer(OutputStream out) {
        return new LogSink() {
            @Override
            public boolean accept(LogEvent event) {
                try {
                    out.write(encode(event));
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public boolean flush() {
                try {
                    out.flush();
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        };
    }

    /** Reads lines of at most {@link #MAX_LINE_BYTES}; longer ones are skipped whole. */
    public static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int len;

        public LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its end, or null at the end of the stream. */
        public String next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            boolean tooLong = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return line.size() == 0 || tooLong ? null : line.toString(StandardCharsets.UTF_8);
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                if (!tooLong) {
                    line.write(buf, start, pos - start);
                    if (line.size() > MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    }
                }
                if (pos < len) {
                    pos++; // the newline
                    if (tooLong) {
                        tooLong = false;
                        continue;
                    }
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }
}
