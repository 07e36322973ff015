package dev.crmkit.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {

    @Test
    void alwaysGivesThePredicatesAnswerAndAsksOnlyOnMisses() {
        AtomicInteger asked = new AtomicInteger();
        VerdictCache cache = new VerdictCache(64, n -> {
            asked.incrementAndGet();
            return n % 3 == 0;
        });
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            long n = random.nextInt(200);
            assertThat(cache.isValid(n)).isEqualTo(n % 3 == 0);
        }
        assertThat(asked.get()).isLessThan(100_000).isGreaterThanOrEqualTo(200);
        for (long n = 5_301_234_560L; n < 5_301_234_570L; n++) {
            assertThat(cache.isValid(n)).as("%d", n).isEqualTo(n % 3 == 0);
        }
    }

    @Test
    void concurrentReadersNeverSeeAnotherNumbersVerdict() throws InterruptedException {
        VerdictCache cache = new VerdictCache(16, n -> (Long.bitCount(n) & 1) == 0);
        Thread[] threads = new Thread[4];
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            long seed = t;
            threads[t] = new Thread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 200_000; i++) {
                    long n = random.nextInt(1_000) + 5_300_000_000L;
                    if (cache.isValid(n) != ((Long.bitCount(n) & 1) == 0)) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wrong.get()).isZero();
    }
}
