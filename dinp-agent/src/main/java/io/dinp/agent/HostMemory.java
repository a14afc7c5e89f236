package io.dinp.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory a node offers by default: the host's total memory minus a reserve for the system.
 */
public final class HostMemory {
    /** Left to the OS, Docker and the agent itself. */
    public static final int RESERVE_MB = 512;
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HostMemory() {
    }

    /** Total memory from /proc/meminfo minus {@link #RESERVE_MB}, at least 0. */
    public static int defaultCapacityMb() {
        try {
            return Math.max(0, totalMb(Files.readString(MEMINFO)) - RESERVE_MB);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MEMINFO + " to size this node; set the memory explicitly", e);
        }
    }

    /** The {@code MemTotal} line of a /proc/meminfo text, in MiB. */
    static int totalMb(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                return (int) (Long.parseLong(parts[0]) / 1024);
            }
        }
        throw new IllegalArgumentException("no MemTotal line in /proc/meminfo");
    }
}
