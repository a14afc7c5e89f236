package io.dinp.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.dinp.model.Labels;
import io.dinp.registry.DockerFailures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge network per app on this Engine, {@code dinp-<app>}: Docker drops traffic between
 * two bridge networks, and inter-container communication is off inside each, so an app's
 * containers cannot reach another app's (nor each other) directly — only through their
 * published ports, which the {@link HostFirewall} closes to app networks. Each bridge interface is
 * named {@code dinp<10 hex digits>}, so one firewall rule ({@code -i dinp+}) covers them all.
 */
final class AppNetworks {
    private static final Logger log = LoggerFactory.getLogger(AppNetworks.class);
    static final String NAME_PREFIX = "dinp-";
    static final String BRIDGE_PREFIX = "dinp";
    /** Marks DINP's networks apart from its containers (which carry {@link Labels#MANAGED} too). */
    static final String NETWORK_LABEL = "io.dinp.network";

    private final DockerClient docker;
    private final SubnetPool pool;

    AppNetworks(DockerClient docker, String networkPool) {
        this.docker = docker;
        this.pool = SubnetPool.parse(networkPool);
    }

    static String networkName(String app) {
        return NAME_PREFIX + app;
    }

    /** At most 15 characters (Linux's limit for interface names), the same on every Engine. */
    static String bridgeName(String app) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(app.getBytes(StandardCharsets.UTF_8));
            return BRIDGE_PREFIX + HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The app's network, created when missing. Agents sharing an Engine may create it at once:
     * the name decides, the loser uses the winner's.
     *
     * @throws LaunchException when no subnet of the pool is free or Docker refuses
     */
    synchronized String ensure(String app) throws LaunchException {
        String name = networkName(app);
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return name;
        } catch (NotFoundException e) {
            // created below
        }
        List<String> candidates = pool.candidates(app, usedSubnets());
        String last = "no free /24 left in " + pool.cidr() + " (agent option --app-network-range)";
        for (String subnet : candidates.subList(0, Math.min(candidates.size(), 8))) {
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                        .withLabels(Map.of(Labels.MANAGED, "true", NETWORK_LABEL, "true", Labels.APP, app))
                        .withOptions(Map.of("com.docker.network.bridge.enable_icc", "false",
                                "com.docker.network.bridge.name", bridgeName(app)))
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)))
                        .exec();
                log.info("created network {} ({}, bridge {}) for app {}", name, subnet, bridgeName(app), app);
                return name;
            } catch (ConflictException e) {
                return name; // another agent of this Engine made it meanwhile
            } catch (RuntimeException e) {
                // most likely another network took this subnet since the listing: try the next
                last = DockerFailures.message(e);
            }
        }
        throw new LaunchException("cannot create the network " + name + " of app " + app + ": " + last, null);
    }

    /**
     * Removes the networks of apps this node runs no more. One still in use (by another agent
     * of the Engine) is refused by Docker and stays; a later sweep tries again.
     */
    void sweep(Set<String> keep) {
        List<Network> ours;
        try {
            ours = docker.listNetworksCmd().withFilter("label", List.of(NETWORK_LABEL + "=true")).exec();
        } catch (RuntimeException e) {
            log.debug("cannot list networks: {}", DockerFailures.message(e));
            return;
        }
        for (Network n : ours) {
            String app = n.getLabels() == null ? null : n.getLabels().get(Labels.APP);
            if (app == null || keep.contains(app) || !networkName(app).equals(n.getName())) {
                continue;
            }
            try {
                docker.removeNetworkCmd(n.getId()).exec();
                log.info("removed network {} of app {}: no instance of it left here", n.getName(), app);
            } catch (RuntimeException e) {
                log.debug("network {} stays: {}", n.getName(), DockerFailures.message(e));
            }
        }
    }

    private List<String> usedSubnets() {
        List<String> used = new ArrayList<>();
        for (Network n : docker.listNetworksCmd().exec()) {
            if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                n.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet).filter(Objects::nonNull).forEach(used::add);
            }
        }
        return used;
    }
}
