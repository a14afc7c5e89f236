package io.dinp.dist;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The names users reach the API by, for its certificate when the cluster CA issues it. */
final class HostNamesOption {
    @Option(names = "--tls-name", paramLabel = "NAME",
            description = "a DNS name or IP address users reach the API at, for the certificate the cluster CA issues "
                    + "(repeatable; default: this host's name, localhost and every address of this host)")
    List<String> names = new ArrayList<>();

    List<String> names() {
        if (!names.isEmpty()) {
            return io.dinp.pki.HostNames.check(names);
        }
        Set<String> out = new LinkedHashSet<>();
        try {
            out.add(InetAddress.getLocalHost().getHostName());
        } catch (Exception e) {
            // no host name: the addresses remain
        }
        out.add("localhost");
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isLinkLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (Exception e) {
            out.add("127.0.0.1");
        }
        List<String> valid = new ArrayList<>();
        for (String n : out) {
            try {
                valid.addAll(io.dinp.pki.HostNames.check(List.of(n)));
            } catch (IllegalArgumentException e) {
                // a host name a certificate cannot carry (underscores): leave it out
            }
        }
        return valid.size() > io.dinp.pki.HostNames.MAX_NAMES ? valid.subList(0, io.dinp.pki.HostNames.MAX_NAMES) : valid;
    }
}
