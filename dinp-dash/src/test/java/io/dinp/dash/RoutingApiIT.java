package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.Json;
import io.dinp.model.AppStatus;
import io.dinp.model.ClusterView;
import io.dinp.model.InstanceInfo;
import io.dinp.model.NodeInfo;
import io.dinp.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/apps/{app}/routing} over HTTP, on an H2 store, with the controller stood in for. */
class RoutingApiIT {
    @TempDir
    Path dataDir;

    private final List<String> notified = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private DashNode dash;

    record Reply(int status, JsonNode body) {
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.open(Database.h2FileUrl(dataDir), "dinp", "");
        ClusterView cluster = new ClusterView() {
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
                return List.of();
            }

            @Override
            public void desiredChanged(String app) {
                notified.add(app);
            }
        };
        dash = DashNode.start(new DashConfig("127.0.0.1", 0, "apps.localhost", 8080), db, cluster, dataDir);
        send("POST", "/api/v1/apps", "{\"name\": \"web\", \"image\": \"web:1\", \"instances\": 0}");
        notified.clear();
    }

    @AfterEach
    void stop() {
        http.close();
        dash.close();
        db.close();
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dash.port() + path))
                .header("Authorization", "Bearer " + dash.bootstrapToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
    }

    @Test
    void anAppStartsWithTheDefaultsAndKeepsWhatIsPut() throws Exception {
        Reply fresh = send("GET", "/api/v1/apps/web/routing", null);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().toString())
                .isEqualTo("{\"stickySessions\":false,\"maxBodyBytes\":0,\"httpsRedirect\":false}");

        Reply put = send("PUT", "/api/v1/apps/web/routing",
                "{\"stickySessions\": true, \"maxBodyBytes\": 2048, \"httpsRedirect\": true}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("maxBodyBytes").asLong()).isEqualTo(2048);
        assertThat(send("GET", "/api/v1/apps/web/routing", null).body()).isEqualTo(put.body());
        assertThat(send("GET", "/api/v1/apps/web", null).body().get("routing")).isEqualTo(put.body());
        assertThat(notified).containsExactly("web");
        JsonNode events = send("GET", "/api/v1/apps/web/events", null).body();
        assertThat(events.get(0).get("kind").asText()).isEqualTo("routing.changed");
        assertThat(events.get(0).get("message").asText()).contains("stickySessions=true", "maxBodyBytes=2048");

        send("PUT", "/api/v1/apps/web/routing",
                "{\"stickySessions\": true, \"maxBodyBytes\": 2048, \"httpsRedirect\": true}");
        assertThat(notified).as("the same options again change nothing").hasSize(1);
    }

    @Test
    void badInputIsRefusedByFieldAndChangesNothing() throws Exception {
        send("PUT", "/api/v1/apps/web/routing", "{\"stickySessions\": true}");
        Reply bad = send("PUT", "/api/v1/apps/web/routing", "{\"stickySessions\": false, \"maxBodyBytes\": 10}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("fields").get(0).get("field").asText()).isEqualTo("maxBodyBytes");
        assertThat(bad.body().get("error").asText()).contains("maxBodyBytes");
        Reply unknown = send("PUT", "/api/v1/apps/web/routing", "{\"sticky\": true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("fields").get(0).get("field").asText()).isEqualTo("sticky");
        assertThat(send("PUT", "/api/v1/apps/web/routing", "not json").status()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/apps/web/routing", null).body().get("stickySessions").asBoolean()).isTrue();
    }

    @Test
    void unknownAppsAre404AndADeletedAppsOptionsGoWithIt() throws Exception {
        assertThat(send("GET", "/api/v1/apps/nope/routing", null).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/apps/nope/routing", "{}").status()).isEqualTo(404);

        send("PUT", "/api/v1/apps/web/routing", "{\"httpsRedirect\": true}");
        assertThat(send("DELETE", "/api/v1/apps/web", null).status()).isEqualTo(204);
        send("POST", "/api/v1/apps", "{\"name\": \"web\", \"image\": \"web:1\", \"instances\": 0}");
        assertThat(send("GET", "/api/v1/apps/web/routing", null).body().get("httpsRedirect").asBoolean()).isFalse();
    }
}
