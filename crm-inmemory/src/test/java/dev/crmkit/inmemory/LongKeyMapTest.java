package dev.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongKeyMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        Random random = new Random(42);
        LongKeyMap<Integer> map = new LongKeyMap<>();
        Map<Long, Integer> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // A small key space forces collisions, long probe runs and backward shifts on removal.
            long key = random.nextInt(5_000) * 65_536L + random.nextInt(3);
            switch (random.nextInt(3)) {
                case 0, 1 -> assertThat(map.put(key, i)).isEqualTo(reference.put(key, i));
                default -> assertThat(map.remove(key)).isEqualTo(reference.remove(key));
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        for (long key = 0; key < 5_000 * 65_536L; key += 65_536L) {
            for (int j = 0; j < 3; j++) {
                assertThat(map.get(key + j)).isEqualTo(reference.get(key + j));
            }
        }
    }

    @Test
    void computeIfAbsentCreatesOnce() {
        LongKeyMap<StringBuilder> map = new LongKeyMap<>();
        StringBuilder first = map.computeIfAbsent(7L, StringBuilder::new);
        assertThat(map.computeIfAbsent(7L, StringBuilder::new)).isSameAs(first);
        assertThat(map.size()).isEqualTo(1);
    }
}
