package io.dinp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.Json;
import io.dinp.common.PemTrust;
import io.dinp.registry.RegistryException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * The registry's HTTP API (Distribution v2) with basic auth: list tags, resolve a tag to its digest, delete a manifest.
 */
public final class RegistryClient {
    /** Manifest types a HEAD accepts, so the registry answers with the digest of what it stored. */
    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // Link: </v2/app/tags/list?last=v9&n=100>; rel="next"
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final RegistryCredentials registry;
    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /** A client of {@code registry.address()}: plain HTTP for loopback addresses (as Docker does), HTTPS otherwise. */
    public RegistryClient(RegistryCredentials registry) {
        this(registry, URI.create((isLoopback(registry.address()) ? "http://" : "https://") + registry.address()));
    }

    /** A client of the registry at {@code base} (e.g. {@code http://10.0.0.5:5000}). */
    public RegistryClient(RegistryCredentials registry, URI base) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.base = Objects.requireNonNull(base, "base");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (registry.username() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (registry.caCertificate() != null) {
            http.sslContext(PemTrust.read(registry.caCertificate(), "registry CA certificate").sslContext());
        }
        this.http = http.build();
    }

    /** The tags of {@code repo}, in the registry's order; empty when the repository is unknown or has none left. */
    public List<String> tags(String repo) {
        ImageNames.checkRepository(repo);
        List<String> tags = new ArrayList<>();
        String next = "/v2/" + repo + "/tags/list?n=1000";
        while (next != null) {
            HttpResponse<String> r = send(request(next).GET(), "listing the tags of " + repo);
            if (r.statusCode() == 404) {
                return List.of();
            }
            expect(r, 200, "listing the tags of " + repo);
            JsonNode list = Json.read(r.body(), JsonNode.class).path("tags");
            list.forEach(t -> tags.add(t.asText()));
            next = r.headers().firstValue("Link").map(RegistryClient::nextLink).orElse(null);
        }
        return tags;
    }

    /** The manifest digest ({@code sha256:…}) that {@code repo:tag} points to, empty when there is no such tag. */
    public Optional<String> digest(String repo, String tag) {
        ImageNames.checkRepository(repo);
        ImageNames.checkTag(tag);
        String what = "resolving " + repo + ":" + tag;
        HttpResponse<String> r = send(request("/v2/" + repo + "/manifests/" + tag)
                .header("Accept", MANIFEST_TYPES)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), what);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, 200, what);
        return Optional.of(r.headers().firstValue("Docker-Content-Digest").orElseThrow(() -> new RegistryException(
                Reason.OTHER, "registry " + registry.address() + " sent no Docker-Content-Digest while " + what, null)));
    }

    /**
     * Deletes the manifest {@code digest} of {@code repo}, and with it every tag pointing to it; a manifest that is
     * already gone is not an error. The blobs stay on disk until the registry's garbage collection runs.
     */
    public void delete(String repo, String digest) {
        ImageNames.checkRepository(repo);
        ImageNames.checkDigest(digest);
        String what = "deleting " + repo + "@" + digest;
        HttpResponse<String> r = send(request("/v2/" + repo + "/manifests/" + digest).DELETE(), what);
        if (r.statusCode() == 404) {
            return;
        }
        if (r.statusCode() == 405) {
            throw new RegistryException(Reason.OTHER, "registry " + registry.address() + " does not allow deletes"
                    + " (set storage.delete.enabled: true in its config) while " + what, null);
        }
        expect(r, 202, what);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new RegistryException(Reason.UNREACHABLE, "registry " + registry.address() + " (" + base
                    + ") cannot be reached while " + what + ": " + describe(e), e);
        } catch (SSLHandshakeException e) {
            throw new RegistryException(Reason.TLS, "registry " + registry.address() + " (" + base + "): its TLS certificate"
                    + " is not trusted or does not name it (trusted: " + (registry.caCertificate() == null
                    ? "the JVM's default CAs" : registry.caCertificate()) + ") while " + what + ": " + describe(e), e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(Reason.UNREACHABLE, "registry " + registry.address() + " did not answer within "
                    + TIMEOUT + " while " + what, e);
        } catch (IOException e) {
            throw new RegistryException(Reason.UNREACHABLE, "registry " + registry.address() + " (" + base
                    + ") failed while " + what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Reason.OTHER, "interrupted while " + what, e);
        }
    }

    private void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() == status) {
            return;
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RegistryException(Reason.AUTH, "registry " + registry.address() + " rejected the credentials of"
                    + " user " + registry.username() + " (HTTP " + r.statusCode() + ") while " + what, null);
        }
        String body = r.body() == null ? "" : r.body().strip();
        throw new RegistryException(Reason.OTHER, "registry " + registry.address() + " answered HTTP " + r.statusCode()
                + " instead of " + status + " while " + what + (body.isEmpty() ? "" : ": " + abbreviate(body)), null);
    }

    static String nextLink(String linkHeader) {
        Matcher m = NEXT.matcher(linkHeader);
        return m.find() ? m.group(1) : null;
    }

    static boolean isLoopback(String address) {
        String host = address.startsWith("[") ? address.substring(1, address.indexOf(']'))
                : address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static String describe(IOException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
