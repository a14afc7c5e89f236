package io.dinp.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The IPv4 range app networks take their subnets from, one /24 each (253 containers of an app
 * per node). Docker's own default pools hold about 30 networks, too few for a node with many
 * apps; a range of DINP's own holds 256 per /16. Pure: which subnets to try, in which order.
 */
record SubnetPool(int base, int prefix) {
    static final int SUBNET_PREFIX = 24;

    /**
     * @throws IllegalArgumentException unless {@code cidr} is an IPv4 range of /8 to /24
     */
    static SubnetPool parse(String cidr) {
        String rule = "the app network range must be an IPv4 CIDR from /8 to /24, e.g. 10.213.0.0/16, was " + cidr;
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(rule);
        }
        int prefix;
        int base;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
            base = address(cidr.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rule);
        }
        if (prefix < 8 || prefix > SUBNET_PREFIX) {
            throw new IllegalArgumentException(rule);
        }
        int mask = (int) (0xFFFFFFFFL << (32 - prefix));
        if ((base & mask) != base) {
            throw new IllegalArgumentException(rule + " (host bits set)");
        }
        return new SubnetPool(base, prefix);
    }

    /** The range as given, e.g. {@code 10.213.0.0/16}. */
    String cidr() {
        return text(base) + "/" + prefix;
    }

    int size() {
        return 1 << (SUBNET_PREFIX - prefix);
    }

    String subnet(int index) {
        return text(base + (index << (32 - SUBNET_PREFIX))) + "/" + SUBNET_PREFIX;
    }

    /**
     * The subnets to try for {@code app}, free ones only: first the one its name hashes to (so
     * agents of one Engine tend not to race for the same), then the following ones, wrapping.
     *
     * @param used subnets of networks that exist on the Engine (any CIDR; overlapping ones are skipped)
     */
    List<String> candidates(String app, Collection<String> used) {
        List<long[]> taken = new ArrayList<>();
        for (String u : used) {
            long[] r = range(u);
            if (r != null) {
                taken.add(r);
            }
        }
        int n = size();
        int start = Math.floorMod(app.hashCode(), n);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            long first = Integer.toUnsignedLong(base + (i << (32 - SUBNET_PREFIX)));
            long last = first + 255;
            boolean free = taken.stream().noneMatch(t -> t[0] <= last && first <= t[1]);
            if (free) {
                out.add(subnet(i));
            }
        }
        return out;
    }

    /** First and last address of an IPv4 CIDR, or null for anything else (IPv6 subnets overlap nothing here). */
    static long[] range(String cidr) {
        try {
            int slash = cidr.indexOf('/');
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            long a = Integer.toUnsignedLong(address(cidr.substring(0, slash)));
            long size = 1L << (32 - prefix);
            long first = a & ~(size - 1) & 0xFFFFFFFFL;
            return new long[] {first, first + size - 1};
        } catch (RuntimeException e) {
            return null;
        }
    }

    static int address(String dotted) {
        String[] p = dotted.split("\\.", -1);
        if (p.length != 4) {
            throw new NumberFormatException(dotted);
        }
        int a = 0;
        for (String part : p) {
            int v = Integer.parseInt(part);
            if (v < 0 || v > 255) {
                throw new NumberFormatException(dotted);
            }
            a = (a << 8) | v;
        }
        return a;
    }

    static String text(int a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }
}
