package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTlsTest {
    static final String URL = "jdbc:mariadb://10.0.0.1:3306/dinp";

    @Test
    void verifiesChainAndHostNameWithTheCaGiven() {
        var p = DatabaseTls.verified(Path.of("/etc/dinp/ca.crt")).driverProperties();
        assertThat(p).containsEntry("sslMode", "verify-full").containsEntry("serverSslCert", "/etc/dinp/ca.crt");
        assertThat(DatabaseTls.verified(null).driverProperties()).containsOnlyKeys("sslMode");
        assertThat(DatabaseTls.NONE.driverProperties()).isEmpty();
    }

    @Test
    void refusesWhereItCannotApplyOrWouldBeAmbiguous() {
        DatabaseTls tls = DatabaseTls.verified(null);
        tls.checkFits(URL, DatabaseKind.MARIADB);
        tls.checkFits(URL + "?connectTimeout=5000", DatabaseKind.MARIADB);
        assertThatThrownBy(() -> tls.checkFits("jdbc:h2:file:/tmp/x", DatabaseKind.H2)).hasMessageContaining("MariaDB/MySQL");
        assertThatThrownBy(() -> tls.checkFits(URL + "?sslMode=trust", DatabaseKind.MARIADB)).hasMessageContaining("sets sslmode");
        assertThatThrownBy(() -> tls.checkFits(URL + "?a=1&useSsl=true", DatabaseKind.MARIADB)).hasMessageContaining("usessl");
        DatabaseTls.NONE.checkFits(URL + "?sslMode=verify-full", DatabaseKind.MARIADB);
        assertThatThrownBy(() -> new DatabaseTls(false, Path.of("ca.crt"))).hasMessageContaining("needs TLS");
    }
}
