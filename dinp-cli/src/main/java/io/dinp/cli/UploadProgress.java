package io.dinp.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/**
 * Shows how much of an upload went out: a bar redrawn in place on a terminal, a line every
 * 25 % elsewhere (logs of CI jobs stay readable).
 */
final class UploadProgress implements LongConsumer {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintStream err;
    private final boolean terminal;
    private final String name;
    private final long size;
    private long lastDraw;
    private int lastQuarter = -1;

    UploadProgress(PrintStream err, boolean terminal, String name, long size) {
        this.err = err;
        this.terminal = terminal;
        this.name = name;
        this.size = size;
    }

    @Override
    public synchronized void accept(long sent) {
        int percent = percent(sent, size);
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS || sent >= size) {
                lastDraw = now;
                err.print("\r" + bar(name, sent, size));
                err.flush();
            }
        } else if (percent / 25 > lastQuarter) {
            lastQuarter = percent / 25;
            err.println("uploading " + name + ": " + percent + "% of " + mb(size));
        }
    }

    /** The upload ended (the bar's line is closed). */
    synchronized void done() {
        if (terminal) {
            err.print("\r" + bar(name, size, size) + "\n");
            err.flush();
        } else if (lastQuarter < 4) {
            err.println("uploading " + name + ": 100% of " + mb(size));
        }
    }

    static int percent(long sent, long size) {
        return size <= 0 ? 100 : (int) Math.min(100, sent * 100 / size);
    }

    static String bar(String name, long sent, long size) {
        int p = percent(sent, size);
        int filled = p * WIDTH / 100;
        return "uploading " + name + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", p)
                + " " + mb(Math.min(sent, size)) + " / " + mb(size);
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
