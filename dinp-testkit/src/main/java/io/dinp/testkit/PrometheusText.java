package io.dinp.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Prometheus text exposition (format 0.0.4): each sample by metric name and labels, so
 * tests read values instead of matching substrings. Labels are kept sorted by name.
 */
public final class PrometheusText {
    /** One sample's identity: the metric name and its labels. */
    public record Series(String name, Map<String, String> labels) {
        public Series {
            labels = Map.copyOf(labels);
        }
    }

    private final Map<Series, Double> samples;

    private PrometheusText(Map<Series, Double> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        Map<Series, Double> out = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int i = 0;
            while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
                i++;
            }
            String name = line.substring(0, i);
            Map<String, String> labels = new TreeMap<>();
            if (i < line.length() && line.charAt(i) == '{') {
                i = labels(line, i + 1, labels, n);
            }
            String[] rest = line.substring(i).trim().split(" ");
            out.put(new Series(name, labels), value(rest[0], n));
        }
        return new PrometheusText(out);
    }

    private static int labels(String line, int i, Map<String, String> into, int n) {
        while (true) {
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("line " + n + ": bad label set: " + line);
            }
            String key = line.substring(i, eq).trim();
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    v.append(next == 'n' ? '\n' : next);
                } else {
                    v.append(c);
                }
            }
            into.put(key, v.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static double value(String s, int n) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + n + ": not a number: " + s);
                }
            }
        };
    }

    /** The sample with exactly these labels (pairs of name, value), or null when absent. */
    public Double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.get(new Series(name, labels));
    }

    /** The sum over every sample of {@code name} whatever its labels, or null when there is none. */
    public Double sum(String name) {
        Double total = null;
        for (var e : samples.entrySet()) {
            if (e.getKey().name().equals(name)) {
                total = (total == null ? 0 : total) + e.getValue();
            }
        }
        return total;
    }

    /** Whether any sample of this metric is present. */
    public boolean has(String name) {
        return samples.keySet().stream().anyMatch(s -> s.name().equals(name));
    }

    public Map<Series, Double> samples() {
        return java.util.Collections.unmodifiableMap(samples);
    }
}
