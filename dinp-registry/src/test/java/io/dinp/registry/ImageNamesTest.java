package io.dinp.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageNamesTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void buildsTagAndDigestReferences() {
        assertThat(ImageNames.reference("127.0.0.1:5000", "shop/web", "v1.2")).isEqualTo("127.0.0.1:5000/shop/web:v1.2");
        assertThat(ImageNames.reference("127.0.0.1:5000", "web", DIGEST)).isEqualTo("127.0.0.1:5000/web@" + DIGEST);
    }

    @Test
    void rejectsWhatTheRegistryWouldRefuse() {
        assertThatThrownBy(() -> ImageNames.checkRepository("Web")).hasMessageContaining("repository name");
        assertThatThrownBy(() -> ImageNames.checkRepository("web/")).hasMessageContaining("repository name");
        assertThatThrownBy(() -> ImageNames.checkRepository("../x")).hasMessageContaining("repository name");
        assertThatThrownBy(() -> ImageNames.checkTag("-v1")).hasMessageContaining("tag");
        assertThatThrownBy(() -> ImageNames.checkTag("v1/x")).hasMessageContaining("tag");
        assertThatThrownBy(() -> ImageNames.checkDigest("sha256:xyz")).hasMessageContaining("digest");
        ImageNames.checkRepository("my-app_2.web/api");
        ImageNames.checkTag("v1.0-rc_1");
        ImageNames.checkDigest(DIGEST);
    }
}
