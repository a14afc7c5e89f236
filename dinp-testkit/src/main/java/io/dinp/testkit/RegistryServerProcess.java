package io.dinp.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Distribution registry (Debian's docker-registry) serving TLS with a given
 * certificate and asking for a password, on an address of this machine that is not loopback:
 * the Docker Engine treats 127.0.0.0/8 as insecure and skips certificate checks there, so only a
 * registry on another address shows that pushes and pulls really verify it.
 */
public final class RegistryServerProcess implements AutoCloseable {
    public static final String USER = "dinp";
    private final String host;
    private final int port;
    private final TestCa.Issued certificate;
    private final String password = "pw-" + UUID.randomUUID();
    private Path dir;
    private Process process;

    public RegistryServerProcess(String host, TestCa.Issued certificate) {
        this.host = host;
        this.certificate = certificate;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An IPv4 address of this machine other than loopback that the Docker Engine reaches: the docker0
     * bridge's when there is one, else the first other interface's; null when there is none.
     */
    public static String hostAddress() {
        try {
            NetworkInterface docker0 = NetworkInterface.getByName("docker0");
            String a = docker0 == null ? null : ipv4(docker0);
            if (a != null) {
                return a;
            }
            for (NetworkInterface n : NetworkInterface.networkInterfaces().toList()) {
                if (n.isUp() && !n.isLoopback() && (a = ipv4(n)) != null) {
                    return a;
                }
            }
            return null;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ipv4(NetworkInterface n) {
        return n.inetAddresses().filter(i -> i instanceof Inet4Address && !i.isLoopbackAddress())
                .map(InetAddress::getHostAddress).findFirst().orElse(null);
    }

    /** {@code host:port}, as images name it. */
    public String address() {
        return host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public RegistryServerProcess start() throws IOException {
        dir = Files.createTempDirectory("dinp-registry-");
        Path htpasswd = dir.resolve("htpasswd");
        // -i: the password comes from stdin, never the command line
        Process h = new ProcessBuilder("htpasswd", "-niB", USER).redirectErrorStream(false).start();
        try (OutputStream in = h.getOutputStream()) {
            in.write(password.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(htpasswd, h.getInputStream().readAllBytes());
        await(h, "htpasswd");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s
                  secret: %s
                  tls:
                    certificate: %s
                    key: %s
                auth:
                  htpasswd:
                    realm: dinp-test
                    path: %s
                """.formatted(dir.resolve("data"), address(), UUID.randomUUID(), certificate.certificate(),
                certificate.key(), htpasswd));
        process = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("docker-registry on " + address() + " did not come up:\n"
                        + Files.readString(dir.resolve("registry.log")));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for docker-registry", e);
            }
        }
        return this;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(Process p, String what) throws IOException {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(what + " failed: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + what, e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
