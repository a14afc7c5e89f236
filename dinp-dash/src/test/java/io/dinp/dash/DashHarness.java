package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.Json;
import io.dinp.model.AppStatus;
import io.dinp.model.ClusterView;
import io.dinp.model.InstanceInfo;
import io.dinp.model.NodeInfo;
import io.dinp.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real dash for a test: the API on a free loopback port over an H2 database in a temporary
 * directory, with a controller that knows of nothing. Clients call it over real HTTP.
 */
final class DashHarness implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path data;
    final Database db;
    final DashNode node;
    final String adminToken;
    final String adminPassword;
    final String base;

    /** A controller that has nothing running; dash only asks it for status and tells it of changes. */
    static final ClusterView NOTHING_RUNS = new ClusterView() {
        @Override
        public Optional<AppStatus> status(String app) {
            return Optional.empty();
        }

        @Override
        public List<InstanceInfo> instances(String app) {
            return List.of();
        }

        @Override
        public List<NodeInfo> nodes() {
            return List.of(new NodeInfo("n1", "10.0.0.5", 1024, 0, 0, "up", Instant.EPOCH));
        }

        @Override
        public void desiredChanged(String app) {
        }
    };

    private DashHarness(Path data, Database db, DashNode node) throws IOException {
        this.data = data;
        this.db = db;
        this.node = node;
        this.adminToken = Files.readString(data.resolve("admin-token")).trim();
        this.adminPassword = Files.readString(data.resolve("admin-password")).trim();
        this.base = "http://127.0.0.1:" + node.port();
    }

    static DashHarness start(Path data) throws IOException {
        return start(data, new DashConfig("127.0.0.1", 0, "apps.test", 80));
    }

    static DashHarness start(Path data, DashConfig config) throws IOException {
        Database db = Database.open(Database.h2FileUrl(data), "dinp", "");
        return new DashHarness(data, db, DashNode.start(config, db, NOTHING_RUNS, data));
    }

    Client admin() {
        return token(adminToken);
    }

    Client token(String token) {
        return new Client(this, List.of("Authorization", "Bearer " + token));
    }

    Client basic(String user, String password) {
        String pair = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Client(this, List.of("Authorization", "Basic " + pair));
    }

    Client anonymous() {
        return new Client(this, List.of());
    }

    /** A browser session: the cookie to send back and the CSRF token the sign-in answered. */
    record Session(String id, String csrf, Reply reply) {
        /** Sends the cookie only, as a forged cross-site request would. */
        Client cookieOnly(DashHarness dash) {
            return new Client(dash, List.of("Cookie", "dinp_session=" + id));
        }

        /** Sends the cookie and the CSRF token, as the dashboard's own pages do. */
        Client client(DashHarness dash) {
            return cookieOnly(dash).with("X-CSRF-Token", csrf);
        }
    }

    /** Signs in with a name and password. */
    Session signIn(String name, String password, String... headers) {
        Reply r = anonymous().with(headers).send("POST", "/api/v1/session", Map.of("name", name, "password", password));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String id = cookie.substring("dinp_session=".length(), cookie.indexOf(';'));
        return new Session(id, r.json().get("csrfToken").asText(), r);
    }

    /** Creates a user as the admin; returns a token of theirs. */
    String user(String name, String password) {
        admin().ok("POST", "/api/v1/users", Map.of("name", name, "password", password));
        return basic(name, password).ok("POST", "/api/v1/tokens", Map.of("name", "test")).get("token").asText();
    }

    @Override
    public void close() {
        node.close();
        db.close();
    }

    /** One answer: status, headers and the body (parsed when it is JSON). */
    record Reply(int status, HttpHeaders headers, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? null : Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String error() {
            JsonNode j = json();
            return j == null || j.get("error") == null ? null : j.get("error").asText();
        }
    }

    /** Calls the API with fixed headers (the credentials). */
    static final class Client {
        private final DashHarness dash;
        private final List<String> headers;

        Client(DashHarness dash, List<String> headers) {
            this.dash = dash;
            this.headers = headers;
        }

        /** The same credentials plus more headers. */
        Client with(String... more) {
            List<String> h = new ArrayList<>(headers);
            h.addAll(List.of(more));
            return new Client(dash, h);
        }

        Reply send(String method, String path, Object body) {
            String text = body == null ? null : body instanceof String s ? s : Json.write(body);
            return raw(method, path, text, "application/json");
        }

        Reply raw(String method, String path, String body, String contentType) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dash.base + path));
            for (int i = 0; i < headers.size(); i += 2) {
                b.header(headers.get(i), headers.get(i + 1));
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.headers(), r.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Reply get(String path) {
            return send("GET", path, null);
        }

        JsonNode ok(String method, String path, Object body) {
            Reply r = send(method, path, body);
            assertThat(r.status()).as(method + " " + path + ": " + r.text()).isBetween(200, 299);
            return r.json();
        }
    }
}
