package io.dinp.builder.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactKindTest {

  private static final byte[] GZIP = {0x1f, (byte) 0x8b, 8, 0};
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  @Test
  void gzipIsATarGzWhateverItIsCalled() throws Exception {
    assertThat(ArtifactKind.detect(GZIP, "app.tar.gz")).isEqualTo(ArtifactKind.TAR_GZ);
    assertThat(ArtifactKind.detect(GZIP, null)).isEqualTo(ArtifactKind.TAR_GZ);
  }

  @Test
  void aZipIsAWarOnlyWhenNamedSo() throws Exception {
    assertThat(ArtifactKind.detect(ZIP, "shop.war")).isEqualTo(ArtifactKind.WAR);
    assertThat(ArtifactKind.detect(ZIP, "hello.jar")).isEqualTo(ArtifactKind.JAR);
    assertThat(ArtifactKind.detect(ZIP, null)).isEqualTo(ArtifactKind.JAR);
  }

  @Test
  void anythingElseIsRejected() {
    assertThatThrownBy(() -> ArtifactKind.detect(new byte[] {'P', 'K', 5, 6}, "empty.jar"))
        .hasMessageStartingWith("not a gzip-compressed tar or a jar/war");
    assertThatThrownBy(() -> ArtifactKind.detect(new byte[] {0x1f}, "app.tgz"))
        .hasMessageStartingWith("not gzip: ");
  }
}
