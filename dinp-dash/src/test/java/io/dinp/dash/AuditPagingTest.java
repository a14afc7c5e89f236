package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.http.ApiException;
import io.dinp.model.FieldError;
import org.junit.jupiter.api.Test;

class AuditPagingTest {
    @Test
    void defaultsToTheNewestFifty() {
        assertThat(AuditApi.Paging.of(null, null)).isEqualTo(new AuditApi.Paging(null, 50));
        assertThat(AuditApi.Paging.of("120", "10")).isEqualTo(new AuditApi.Paging(120L, 10));
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> AuditApi.Paging.of("x", null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("before");
        });
        assertThatThrownBy(() -> AuditApi.Paging.of("0", "1001")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("before", "limit"));
        assertThatThrownBy(() -> AuditApi.Paging.of(null, "ten")).isInstanceOf(ApiException.class);
    }
}
