package io.dinp.model;

/** One place the router may send an app's requests: an instance's published port. */
public record Backend(String instanceId, String host, int port) {
    public String hostPort() {
        return host + ":" + port;
    }
}
