package io.dinp.dash;

import io.dinp.common.http.HttpNodeLogs;
import io.dinp.model.ClusterView;
import io.dinp.model.NodeInfo;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes the server knows as up, read through the log endpoints their agents reported, with
 * the cluster join token.
 */
public final class ClusterLogNodes implements LogNodes {
    private final ClusterView cluster;
    private final String joinToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, HttpNodeLogs> clients = new ConcurrentHashMap<>();

    public ClusterLogNodes(ClusterView cluster, String joinToken) {
        this.cluster = cluster;
        this.joinToken = joinToken;
    }

    @Override
    public List<Node> current() throws Exception {
        List<Node> out = new ArrayList<>();
        for (NodeInfo n : cluster.nodes()) {
            if (n.logUrl() != null && "up".equals(n.status())) {
                HttpNodeLogs logs = clients.compute(n.id(), (id, known) -> known != null && known.base().equals(stripSlash(n.logUrl()))
                        ? known : new HttpNodeLogs(http, n.logUrl(), joinToken));
                out.add(new Node(n.id(), logs));
            }
        }
        clients.keySet().retainAll(out.stream().map(Node::id).toList());
        return out;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
