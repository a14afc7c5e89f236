package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.agent.ImageRetention.LocalImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageRetentionTest {
    private static final String REG = "127.0.0.1:5000";
    private static final List<String> REGS = List.of(REG);

    private static String id(String n) {
        return "sha256:" + n.repeat(64).substring(0, 64);
    }

    private static LocalImage tagged(String n, long created, String... tags) {
        return new LocalImage(id(n), List.of(tags), List.of(), created);
    }

    private static LocalImage pinned(String n, long created, String repo) {
        return new LocalImage(id(n), List.of(), List.of(repo + "@sha256:" + n.repeat(64).substring(0, 64)), created);
    }

    private static List<String> delete(Collection<LocalImage> images, Collection<String> inUse, int keep) {
        return ImageRetention.toDelete(images, inUse, REGS, keep);
    }

    /** Versions 1..n of {@code app}, created at 100, 200, ...; ids a1, a2, ... (hex digits). */
    private static List<LocalImage> versions(String app, String idPrefix, int n) {
        List<LocalImage> out = new ArrayList<>();
        for (int v = 1; v <= n; v++) {
            out.add(tagged(idPrefix + v, 100L * v, REG + "/" + app + ":v" + v));
        }
        return out;
    }

    @Test
    void keepsTheNewestNPerRepositoryAndDeletesTheRestOldestFirst() {
        List<LocalImage> images = versions("shop", "a", 5);
        assertThat(delete(images, List.of(), 2)).containsExactly(id("a1"), id("a2"), id("a3"));
        assertThat(delete(images, List.of(), 5)).isEmpty();
        assertThat(delete(images, List.of(), 9)).isEmpty();
        assertThat(delete(images, List.of(), 1)).containsExactly(id("a1"), id("a2"), id("a3"), id("a4"));
    }

    @Test
    void countsEachRepositorySeparately() {
        List<LocalImage> images = new ArrayList<>(versions("shop", "a", 3));
        images.addAll(versions("blog", "b", 3));
        images.add(tagged("c1", 50, REG + "/team/api:1")); // a path below the address is one repository
        assertThat(delete(images, List.of(), 2)).containsExactlyInAnyOrder(id("a1"), id("b1"));
    }

    @Test
    void tagsAndDigestsOfOneRepositoryAreOneGroup() {
        List<LocalImage> images = List.of(
                pinned("a1", 100, REG + "/shop"),
                new LocalImage(id("a2"), List.of(REG + "/shop:v2"), List.of(REG + "/shop@sha256:" + "2".repeat(64)), 200),
                tagged("a3", 300, REG + "/shop:v3", REG + "/shop:latest"));
        assertThat(delete(images, List.of(), 2)).containsExactly(id("a1"));
    }

    @Test
    void imagesOfOtherRegistriesOrOfNoRegistryAreNeverTouched() {
        List<LocalImage> images = List.of(
                tagged("d1", 1, "dinp-test/hello:v1"),
                tagged("d2", 2, "dinp-test/hello:v2"),
                tagged("d3", 3, "10.0.0.9:5000/shop:v1"),
                tagged("d4", 4, "10.0.0.9:5000/shop:v2"),
                tagged("d5", 5, "127.0.0.1:50000/shop:v1"), // another port: another registry
                tagged("d6", 6, "127.0.0.1:50000/shop:v2"),
                tagged("d7", 7, "docker.io/library/busybox:1"),
                tagged("d8", 8, "docker.io/library/busybox:2"));
        assertThat(delete(images, List.of(), 1)).isEmpty();
    }

    @Test
    void anImageWithOneForeignReferenceIsNotACandidate() {
        List<LocalImage> images = new ArrayList<>(versions("shop", "a", 3));
        images.set(0, tagged("a1", 100, REG + "/shop:v1", "dinp/shop:1")); // the builder's local tag too
        images.set(1, new LocalImage(id("a2"), List.of(REG + "/shop:v2"), List.of("other:5000/shop@sha256:" + "2".repeat(64)), 200));
        assertThat(delete(images, List.of(), 1)).isEmpty();
    }

    @Test
    void imagesWithoutReferencesAreNeverTouched() {
        List<LocalImage> images = List.of(
                new LocalImage(id("e1"), List.of("<none>:<none>"), List.of("<none>@<none>"), 1),
                new LocalImage(id("e2"), null, null, 2),
                tagged("a3", 3, REG + "/shop:v3"));
        assertThat(delete(images, List.of(), 1)).isEmpty();
    }

    @Test
    void noneplaceholdersAreIgnoredNextToRealReferences() {
        List<LocalImage> images = List.of(
                new LocalImage(id("a1"), List.of("<none>:<none>"), List.of(REG + "/shop@sha256:" + "1".repeat(64)), 1),
                tagged("a2", 2, REG + "/shop:v2"));
        assertThat(delete(images, List.of(), 1)).containsExactly(id("a1"));
    }

    @Test
    void inUseImagesAreKeptEvenIfOldAndTakeNoPlace() {
        List<LocalImage> images = versions("shop", "a", 4);
        // by full id, by id without prefix, by tag, by digest reference
        assertThat(delete(images, List.of(id("a1")), 2)).containsExactly(id("a2"));
        assertThat(delete(images, List.of(id("a1").substring(7)), 2)).containsExactly(id("a2"));
        assertThat(delete(images, List.of(REG + "/shop:v2"), 2)).containsExactly(id("a1"));
        assertThat(delete(images, List.of(REG + "/shop:v1", REG + "/shop:v2"), 2)).isEmpty();
        List<LocalImage> pinned = List.of(pinned("a1", 1, REG + "/shop"), pinned("a2", 2, REG + "/shop"));
        assertThat(delete(pinned, List.of(REG + "/shop@sha256:" + "a1".repeat(32)), 1)).isEmpty();
    }

    @Test
    void aReferenceWithoutTagMeansLatest() {
        List<LocalImage> images = List.of(tagged("a1", 1, REG + "/shop:latest"), tagged("a2", 2, REG + "/shop:v2"));
        assertThat(delete(images, List.of(REG + "/shop"), 1)).isEmpty();
        assertThat(delete(images, List.of(REG + "/shop:v1"), 1)).containsExactly(id("a1"));
    }

    @Test
    void unrelatedAndBlankInUseEntriesChangeNothing() {
        List<LocalImage> images = versions("shop", "a", 3);
        List<String> inUse = new ArrayList<>(List.of("", " ", "busybox", id("ff")));
        inUse.add(null);
        assertThat(delete(images, inUse, 1)).containsExactly(id("a1"), id("a2"));
    }

    @Test
    void tiesOnCreatedAreBrokenBySmallerIdKept() {
        List<LocalImage> images = List.of(
                tagged("c", 100, REG + "/shop:c"), tagged("a", 100, REG + "/shop:a"),
                tagged("b", 100, REG + "/shop:b"));
        assertThat(delete(images, List.of(), 1)).containsExactly(id("c"), id("b"));
        assertThat(delete(images, List.of(), 2)).containsExactly(id("c"));
    }

    @Test
    void theAnswerDoesNotDependOnInputOrder() {
        List<LocalImage> images = new ArrayList<>(versions("shop", "a", 6));
        images.addAll(versions("blog", "b", 4));
        images.add(tagged("c", 300, REG + "/shop:again"));
        List<String> expected = delete(images, Set.of(id("a2")), 2);
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(images, random);
            assertThat(delete(images, Set.of(id("a2")), 2)).isEqualTo(expected);
        }
        assertThat(expected).containsExactly(id("b1"), id("a1"), id("b2"), id("c"), id("a3"), id("a4"));
    }

    @Test
    void anImageInSeveralRepositoriesIsKeptIfAnyKeepsIt() {
        List<LocalImage> images = List.of(
                tagged("a1", 100, REG + "/shop:v1"),
                tagged("a2", 200, REG + "/shop:v2"),
                tagged("cc", 150, REG + "/shop:v15", REG + "/blog:v1")); // oldish in shop, only one in blog
        assertThat(delete(images, List.of(), 1)).containsExactly(id("a1"));
        List<LocalImage> both = List.of(images.get(0), images.get(1), images.get(2), tagged("b2", 300, REG + "/blog:v2"));
        assertThat(delete(both, List.of(), 1)).containsExactly(id("a1"), id("cc"));
    }

    @Test
    void severalRegistriesAndNarrowerPrefixes() {
        List<LocalImage> images = new ArrayList<>(versions("shop", "a", 2));
        images.add(tagged("b1", 1, "reg.example:443/shop:v1"));
        images.add(tagged("b2", 2, "reg.example:443/shop:v2"));
        images.add(tagged("c1", 1, REG + "/it/x/app:v1"));
        images.add(tagged("c2", 2, REG + "/it/x/app:v2"));
        assertThat(ImageRetention.toDelete(images, List.of(), List.of(REG, "reg.example:443"), 1))
                .containsExactlyInAnyOrder(id("a1"), id("b1"), id("c1"));
        assertThat(ImageRetention.toDelete(images, List.of(), List.of(REG + "/it/x"), 1)).containsExactly(id("c1"));
        assertThat(ImageRetention.toDelete(images, List.of(), List.of(REG + "/it/x/"), 1)).containsExactly(id("c1"));
        assertThat(ImageRetention.toDelete(images, List.of(), List.of(), 1)).isEmpty();
        assertThat(ImageRetention.toDelete(images, List.of(), List.of("", "127.0.0.1"), 1)).isEmpty();
    }

    @Test
    void keepBelowOneIsRejected() {
        assertThatThrownBy(() -> delete(List.of(), List.of(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep");
        assertThatThrownBy(() -> delete(List.of(), List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repositoryAndNormalizeHandleRegistryPorts() {
        assertThat(ImageRetention.repository(REG + "/shop:v1")).isEqualTo(REG + "/shop");
        assertThat(ImageRetention.repository(REG + "/shop")).isEqualTo(REG + "/shop");
        assertThat(ImageRetention.repository(REG + "/shop@sha256:" + "1".repeat(64))).isEqualTo(REG + "/shop");
        assertThat(ImageRetention.normalize(REG + "/shop")).isEqualTo(REG + "/shop:latest");
        assertThat(ImageRetention.normalize("1".repeat(64))).isEqualTo("sha256:" + "1".repeat(64));
    }

    @Test
    void agentConfigKeepsFiveByDefaultAndRejectsLessThanOne() {
        assertThat(AgentConfig.of("n").keepImages()).isEqualTo(AgentConfig.DEFAULT_KEEP_IMAGES).isEqualTo(5);
        AgentConfig c = AgentConfig.of("n").withKeepImages(2).withMemoryMb(100).withAddress("10.0.0.1")
                .withHeartbeat(java.time.Duration.ofSeconds(2)).withStopTimeout(java.time.Duration.ofSeconds(3));
        assertThat(c.keepImages()).isEqualTo(2);
        assertThat(new AgentConfig("n", null, 0, null, null, null, null).keepImages()).isEqualTo(5);
        assertThatThrownBy(() -> AgentConfig.of("n").withKeepImages(0)).hasMessageContaining("keepImages");
    }
}
