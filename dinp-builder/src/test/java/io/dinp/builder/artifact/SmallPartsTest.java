package io.dinp.builder.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

  @Test
  void modesKeepOnlyTheExecutableBit() {
    assertThat(FileModes.sanitise(04755)).isEqualTo(0755);
    assertThat(FileModes.sanitise(06777)).isEqualTo(0755);
    assertThat(FileModes.sanitise(0100)).isEqualTo(0755);
    assertThat(FileModes.sanitise(0666)).isEqualTo(0644);
    assertThat(FileModes.sanitise(01600)).isEqualTo(0644);
  }

  @Test
  void pathsResolveByTextAndRefuseToClimbOut() {
    assertThat(EntryPath.resolve(List.of(), "./a//b/../c/")).containsExactly("a", "c");
    assertThat(EntryPath.resolve(List.of("lib"), "../bin/run")).containsExactly("bin", "run");
    assertThat(EntryPath.resolve(List.of("lib"), "../..")).isNull();
  }

  @Test
  void sizesReadLikeLimits() {
    assertThat(ByteSizes.format(512L * 1024 * 1024)).isEqualTo("512 MiB");
    assertThat(ByteSizes.format(2L * 1024 * 1024 * 1024)).isEqualTo("2 GiB");
    assertThat(ByteSizes.format(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSizes.format(1000)).isEqualTo("1000 bytes");
  }

  @Test
  void untrustedTextIsQuotedVisiblyAndCapped() {
    assertThat(ArtifactRejectedException.quote("a\"b\u0007")).isEqualTo("\"a\\\"b\\u0007\"");
    assertThat(ArtifactRejectedException.quote("x".repeat(500))).hasSize(203).endsWith("…\"");
  }
}
