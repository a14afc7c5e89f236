package io.dinp.agent.logs;

import com.github.dockerjava.api.model.StreamType;
import io.dinp.model.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the frames of Docker's logs API (asked with timestamps) into lines of one instance.
 * Docker prefixes each message with its time and splits messages over 16 KiB into several; a
 * line without its newline yet is kept until the rest arrives. Pure.
 */
final class FrameLines {
    /** Longer lines are cut: a log line is for people, and memory per line must stay small. */
    static final int MAX_LINE = 8192;
    static final String CUT = " [dinp: line cut at " + MAX_LINE + " characters]";
    private static final Pattern TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:\\d\\d)) ");

    private final String instance;
    private final String node;
    private final Instant since;
    private final Partial out = new Partial("stdout");
    private final Partial err = new Partial("stderr");

    /** A line of one stream still waiting for its end. */
    private static final class Partial {
        final String stream;
        final StringBuilder text = new StringBuilder();
        Instant time;
        boolean cut;

        Partial(String stream) {
            this.stream = stream;
        }
    }

    /** @param since lines older than this are left out (Docker's own filter has whole seconds); null for none */
    FrameLines(String instance, String node, Instant since) {
        this.instance = instance;
        this.node = node;
        this.since = since;
    }

    /** The lines completed by one frame. */
    List<LogEvent> add(StreamType type, byte[] payload, Instant now) {
        Partial p = type == StreamType.STDERR ? err : out;
        String text = new String(payload, StandardCharsets.UTF_8);
        List<LogEvent> lines = new ArrayList<>(2);
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            String segment = text.substring(start, nl < 0 ? text.length() : nl);
            start = nl < 0 ? text.length() : nl + 1;
            append(p, segment, now);
            if (nl >= 0) {
                emit(p, lines);
            }
        }
        return lines;
    }

    /** The stream ended: a last line without its newline is still a line. */
    List<LogEvent> end() {
        List<LogEvent> lines = new ArrayList<>(2);
        for (Partial p : List.of(out, err)) {
            if (!p.text.isEmpty() || p.time != null) {
                emit(p, lines);
            }
        }
        return lines;
    }

    private static void append(Partial p, String segment, Instant now) {
        Matcher m = TIME.matcher(segment);
        String body = segment;
        if (m.find()) {
            body = segment.substring(m.end());
            if (p.time == null) {
                p.time = parse(m.group(1), now);
            }
        } else if (p.time == null) {
            p.time = now;
        }
        if (p.cut) {
            return;
        }
        int room = MAX_LINE - p.text.length();
        if (body.length() > room) {
            p.text.append(body, 0, room);
            p.cut = true;
        } else {
            p.text.append(body);
        }
    }

    private void emit(Partial p, List<LogEvent> lines) {
        int len = p.text.length();
        if (len > 0 && p.text.charAt(len - 1) == '\r') {
            p.text.setLength(len - 1);
        }
        String line = p.cut ? p.text + CUT : p.text.toString();
        Instant time = p.time;
        p.text.setLength(0);
        p.time = null;
        p.cut = false;
        if (since == null || !time.isBefore(since)) {
            lines.add(LogEvent.line(instance, node, p.stream, time, line));
        }
    }

    private static Instant parse(String s, Instant fallback) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return fallback;
            }
        }
    }
}
