package io.dinp.hm;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of a target's check request. They never change between checks, so they are built
 * once per target and written as they are: no per-check encoding.
 */
final class CheckRequest {
    private CheckRequest() {
    }

    /** {@code GET path HTTP/1.1} with Host and User-Agent; keep-alive is HTTP/1.1's default. */
    static byte[] bytes(String path, String host, int port) {
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + CheckErrors.hostPort(host, port) + "\r\n"
                + "User-Agent: dinp-hm\r\n"
                + "Accept: */*\r\n"
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
