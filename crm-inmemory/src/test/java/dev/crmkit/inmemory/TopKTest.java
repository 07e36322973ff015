package dev.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    private record Entry(long key, long id, int slot) {
    }

    @Test
    void keepsTheBestInOrderLikeAFullSort() {
        Random random = new Random(11);
        for (int run = 0; run < 500; run++) {
            int k = 1 + random.nextInt(60);
            int n = random.nextInt(400);
            TopK top = new TopK(k);
            List<Entry> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Few distinct keys, so ties on the key are broken by id.
                Entry e = new Entry(random.nextInt(20), i, i);
                all.add(e);
                top.offer(e.key(), e.id(), e.slot());
            }
            all.sort(Comparator.comparingLong(Entry::key).thenComparingLong(Entry::id).reversed());
            int[] expected = all.stream().limit(k).mapToInt(Entry::slot).toArray();
            assertThat(top.drainBestFirst()).containsExactly(expected);
        }
    }
}
