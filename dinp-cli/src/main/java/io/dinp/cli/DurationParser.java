package io.dinp.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as people write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
final class DurationParser implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("^(?:\\d{1,9}[dhms])+$");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(v).matches()) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (write e.g. 30s, 10m, 1h30m, 2d)");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return d;
    }
}
