package io.dinp.dash;

import io.dinp.common.http.HttpNodeLogs;
import io.dinp.model.ClusterView;
import io.dinp.model.NodeInfo;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The nodes the server knows as up, read through the log endpoints their agents reported, over
 * HTTPS with dash's certificate (and accepting only agents' certificates of the cluster).
 */
public final class ClusterLogNodes implements LogNodes {
    private final ClusterView cluster;
    private final Supplier<HttpClient> http;
    private final Map<String, HttpNodeLogs> clients = new ConcurrentHashMap<>();

    public ClusterLogNodes(ClusterView cluster, Supplier<HttpClient> http) {
        this.cluster = cluster;
        this.http = http;
    }

    @Override
    public List<Node> current() throws Exception {
        List<Node> out = new ArrayList<>();
        for (NodeInfo n : cluster.nodes()) {
            if (n.logUrl() != null && "up".equals(n.status())) {
                HttpNodeLogs logs = clients.compute(n.id(), (id, known) -> known != null && known.base().equals(stripSlash(n.logUrl()))
                        ? known : new HttpNodeLogs(http, n.logUrl()));
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
