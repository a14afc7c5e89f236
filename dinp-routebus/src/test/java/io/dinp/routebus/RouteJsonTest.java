package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.Json;
import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route table and its changes as they travel through Redis: JSON, read by routers old and new. */
class RouteJsonTest {
    static final Backend A = new Backend("a1", "10.0.0.1", 31000);
    static final RouteOptions STICKY = new RouteOptions(true, 0, false);
    static final RouteOptions LIMITED = new RouteOptions(false, 64L * 1024 * 1024 * 1024, true);

    @Test
    void aTableWithOptionsReadsBackEqual() {
        RouteTable t = new RouteTable(7, Map.of("web", List.of(A), "api", List.of()), Map.of("www.example.com", "web"),
                Map.of(), Map.of("web", STICKY, "api", LIMITED));
        String json = Json.write(t);
        assertThat(json).contains("\"options\":{\"api\":{\"stickySessions\":false,\"maxBodyBytes\":68719476736,"
                + "\"httpsRedirect\":true}");
        assertThat(Json.read(json, RouteTable.class)).isEqualTo(t);
    }

    @Test
    void aChangeCarriesOptionsOnlyWhenTheyChanged() {
        RouteTable a = new RouteTable(1, Map.of("web", List.of()), Map.of(), Map.of(), Map.of("web", STICKY));
        RouteTable b = new RouteTable(2, Map.of("web", List.of(A)), Map.of(), Map.of(), Map.of("web", STICKY));
        RouteTable c = new RouteTable(3, b.apps(), Map.of(), Map.of(), Map.of());

        String backendsOnly = Json.write(RouteChange.between(a, b, 5));
        assertThat(backendsOnly).doesNotContain("options");
        assertThat(a.apply(Json.read(backendsOnly, RouteChange.class))).isEqualTo(b);

        RouteChange cleared = Json.read(Json.write(RouteChange.between(b, c, 5)), RouteChange.class);
        assertThat(cleared.options()).isEmpty();
        assertThat(b.apply(cleared)).isEqualTo(c);
    }

    @Test
    void aTableFromAServerThatKnowsNoOptionsHasNone() {
        RouteTable old = Json.read("{\"version\":3,\"apps\":{\"web\":[{\"instanceId\":\"a1\",\"host\":\"10.0.0.1\","
                + "\"port\":31000}]},\"domains\":{},\"certificates\":{}}", RouteTable.class);
        assertThat(old.options()).isEmpty();
        assertThat(old.optionsOf("web")).isEqualTo(RouteOptions.DEFAULTS);
        RouteChange change = Json.read("{\"base\":3,\"version\":4,\"apps\":{},\"removed\":[],\"publishedMicros\":1}",
                RouteChange.class);
        assertThat(change.options()).isNull();
    }
}
