package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShardAssignmentTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    static List<String> hms(Random r) {
        return IntStream.range(0, 1 + r.nextInt(8)).mapToObj(i -> "hm-" + Long.toHexString(r.nextLong())).toList();
    }

    static List<String> instances(Random r) {
        return IntStream.range(0, r.nextInt(2000)).mapToObj(i -> "app" + r.nextInt(50) + "-" + r.nextInt(1_000_000)).distinct().toList();
    }

    static Map<String, Set<String>> split(List<String> hms, List<String> instances) {
        Map<String, Set<String>> m = new HashMap<>();
        for (String hm : hms) {
            m.put(hm, ShardAssignment.mine(hm, hms, instances));
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyInstanceIsCheckedByExactlyOneHm(long seed) {
        Random r = new Random(seed);
        List<String> hms = hms(r);
        List<String> instances = instances(r);
        Map<String, Set<String>> split = split(hms, instances);
        Set<String> union = new HashSet<>();
        int total = 0;
        for (Set<String> part : split.values()) {
            union.addAll(part);
            total += part.size();
        }
        assertThat(union).as("seed %d: none forgotten", seed).isEqualTo(new HashSet<>(instances));
        assertThat(total).as("seed %d: none checked twice", seed).isEqualTo(instances.size());
        for (String hm : hms) {
            for (String i : split.get(hm)) {
                assertThat(ShardAssignment.owner(i, hms)).isEqualTo(hm);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whenAnHmDiesOnlyItsInstancesMove(long seed) {
        Random r = new Random(seed);
        List<String> hms = new ArrayList<>(hms(r));
        if (hms.size() < 2) {
            hms.add("hm-extra");
        }
        List<String> instances = instances(r);
        Map<String, Set<String>> before = split(hms, instances);
        String dead = hms.get(r.nextInt(hms.size()));
        List<String> alive = hms.stream().filter(h -> !h.equals(dead)).toList();
        Map<String, Set<String>> after = split(alive, instances);
        Set<String> orphans = before.get(dead);
        for (String hm : alive) {
            assertThat(after.get(hm)).as("seed %d: %s keeps all it had", seed, hm).containsAll(before.get(hm));
            Set<String> gained = new HashSet<>(after.get(hm));
            gained.removeAll(before.get(hm));
            assertThat(orphans).as("seed %d: %s gains only the dead hm's instances", seed, hm).containsAll(gained);
        }
        assertThat(after.values().stream().mapToInt(Set::size).sum()).isEqualTo(instances.size());
        assertThat(ShardAssignment.mine(dead, alive, instances)).as("an hm that is not live checks nothing").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whenAnHmJoinsItTakesOnlyFromOthers(long seed) {
        Random r = new Random(seed);
        List<String> hms = hms(r);
        List<String> instances = instances(r);
        Map<String, Set<String>> before = split(hms, instances);
        List<String> more = new ArrayList<>(hms);
        more.add("hm-new-" + seed);
        Map<String, Set<String>> after = split(more, instances);
        for (String hm : hms) {
            assertThat(before.get(hm)).as("seed %d", seed).containsAll(after.get(hm));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theSplitDependsOnlyOnTheSetsNotTheirOrder(long seed) {
        Random r = new Random(seed);
        List<String> hms = hms(r);
        List<String> instances = instances(r);
        List<String> shuffledHms = new ArrayList<>(hms);
        Collections.shuffle(shuffledHms, r);
        shuffledHms.add(hms.get(0));
        List<String> shuffledInstances = new ArrayList<>(instances);
        Collections.shuffle(shuffledInstances, r);
        for (String hm : hms) {
            assertThat(ShardAssignment.mine(hm, shuffledHms, shuffledInstances))
                    .isEqualTo(ShardAssignment.mine(hm, hms, instances));
        }
    }

    @Test
    void theLoadIsSpreadEvenly() {
        List<String> hms = List.of("hm-a", "hm-b", "hm-c", "hm-d");
        List<String> instances = IntStream.range(0, 20_000).mapToObj(i -> "web-" + i).toList();
        Map<String, Integer> sizes = split(hms, instances).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
        assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isBetween(4500, 5500));
    }

    @Test
    void aLoneHmChecksEverything() {
        assertThat(ShardAssignment.mine("hm-1", List.of("hm-1"), List.of("a", "b", "a"))).containsExactlyInAnyOrder("a", "b");
        assertThat(ShardAssignment.mine("hm-1", List.of(), List.of("a"))).isEmpty();
        assertThat(ShardAssignment.mine("hm-1", List.of("hm-1", "hm-2"), List.of())).isEmpty();
    }

    @Test
    void ownerNeedsALiveHm() {
        assertThatThrownBy(() -> ShardAssignment.owner("a", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** hm processes of different builds must agree during an upgrade: the hash is fixed, not the JVM's. */
    @Test
    void theHashIsPinned() {
        assertThat(ShardAssignment.hash("")).isEqualTo(PINNED_EMPTY);
        assertThat(ShardAssignment.hash("web-1")).isEqualTo(PINNED_WEB_1);
        assertThat(ShardAssignment.owner("web-1", List.of("hm-a", "hm-b", "hm-c"))).isEqualTo(PINNED_OWNER);
    }

    private static final long PINNED_EMPTY = 0xf52a15e9a9b5e89bL;
    private static final long PINNED_WEB_1 = 0xf576b188329f7eddL;
    private static final String PINNED_OWNER = "hm-c";
}
