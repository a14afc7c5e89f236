package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.AppSpec;
import io.dinp.testkit.CapturingProxy;
import io.dinp.testkit.MariaDbServerProcess;
import io.dinp.testkit.TestCa;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store over TLS to MariaDB, against a mariadbd of the test's own (the shared one is never
 * reconfigured): the server's certificate and name verified; a plain-TCP relay in the middle sees
 * no query, row or password; a certificate from another CA, or for another host, is refused by name.
 */
class SecuredMariaDbIT {
    static TestCa ca;
    static MariaDbServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create("mariadb-it");
        server = new MariaDbServerProcess(ca.issue("mariadb", "IP:127.0.0.1")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Database open(String url, DatabaseTls tls) {
        return Database.open(url, MariaDbServerProcess.USER, server.password(), tls);
    }

    static String viaPort(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + MariaDbServerProcess.DATABASE;
    }

    /** An app whose name and env value must never be readable on the wire. */
    static AppSpec marked(String marker) {
        return new AppSpec(marker, "registry.local:5000/" + marker + ":1", 1, 128, Map.of("SECRET", marker + "-env"), "/", 0);
    }

    @Test
    void theStoreWorksOverVerifiedTls() {
        try (Database db = open(server.url(), DatabaseTls.verified(ca.certificate()))) {
            AppStore apps = new AppStore(db);
            apps.create(marked("tls-works"));
            assertThat(apps.get("tls-works")).isPresent();
            String cipher = db.jdbi().withHandle(h -> h.createQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")
                    .map((rs, ctx) -> rs.getString(2)).one());
            assertThat(cipher).startsWith("TLSv1.");
        }
    }

    @Test
    void aPlainTcpProbeSeesNoQueryRowOrPassword() throws Exception {
        String marker = "tls-marker-" + UUID.randomUUID().toString().substring(0, 8);
        try (CapturingProxy wire = new CapturingProxy("127.0.0.1", server.port());
             Database db = open(viaPort(wire.port()), DatabaseTls.verified(ca.certificate()))) {
            AppStore apps = new AppStore(db);
            apps.create(marked(marker));
            assertThat(apps.get(marker)).isPresent();
            assertThat(wire.bytes()).as("the relay carried the traffic").isGreaterThan(5_000);
            assertThat(wire.saw(marker)).as("an app's name in the clear").isFalse();
            assertThat(wire.saw("INSERT INTO")).as("query text in the clear").isFalse();
            assertThat(wire.saw("flyway_schema_history")).as("the migrations' queries in the clear").isFalse();
            assertThat(wire.saw(server.password())).as("the password in the clear").isFalse();
        }
    }

    @Test
    void theSameProbeWithoutTlsSeesEverything() throws Exception {
        // the control for the test above: the relay does see plaintext when there is some
        String marker = "plain-marker-" + UUID.randomUUID().toString().substring(0, 8);
        try (CapturingProxy wire = new CapturingProxy("127.0.0.1", server.port());
             Database db = open(viaPort(wire.port()), DatabaseTls.NONE)) {
            new AppStore(db).create(marked(marker));
            assertThat(wire.saw(marker)).isTrue();
            assertThat(wire.saw("INSERT INTO")).isTrue();
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedByName() {
        TestCa stranger = TestCa.create("stranger");
        assertThatThrownBy(() -> open(server.url(), DatabaseTls.verified(stranger.certificate())))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessage("database at " + server.url() + ": its TLS certificate is not signed by a trusted CA (trusted: "
                        + stranger.certificate() + ")");
        // without a CA of its own the JVM's default CAs decide, and they do not know a private CA either
        assertThatThrownBy(() -> open(server.url(), DatabaseTls.verified(null)))
                .hasMessageContaining("not signed by a trusted CA (trusted: the JVM's default CAs");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromTheRightCa() {
        // the certificate names 127.0.0.1 only
        String byName = "jdbc:mariadb://localhost:" + server.port() + "/" + MariaDbServerProcess.DATABASE;
        assertThatThrownBy(() -> open(byName, DatabaseTls.verified(ca.certificate())))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("its TLS certificate does not name that host");
    }

    @Test
    void aWrongPasswordIsNamedWithoutShowingIt() {
        assertThatThrownBy(() -> Database.open(server.url(), MariaDbServerProcess.USER, "not-the-password",
                DatabaseTls.verified(ca.certificate())))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("refused the login")
                .hasMessageNotContaining("not-the-password");
    }
}
