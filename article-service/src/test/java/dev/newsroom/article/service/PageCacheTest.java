package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PageCacheTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final PageCache cache = new PageCache(Duration.ofMinutes(1), 100);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void shouldRenderAPageOnceForRequestsThatMissTogether() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger renderings = new AtomicInteger();
        Supplier<Rendered> slowQuery = () -> {
            renderings.incrementAndGet();
            await(release);
            return Rendered.of("page " + renderings.get(), "application/json");
        };

        Future<Rendered> first = threads.submit(() -> cache.get("/articles?q=storm", slowQuery));
        waitUntil(() -> renderings.get() == 1);
        CompletableFuture<?>[] waiters = new CompletableFuture<?>[6];
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = CompletableFuture.supplyAsync(() -> {
                started.incrementAndGet();
                return cache.get("/articles?q=storm", slowQuery);
            }, threads);
        }
        waitUntil(() -> started.get() == waiters.length);
        Thread.sleep(100); // give them time to reach the rendering in progress (were one late, it would find the page cached)
        release.countDown();

        Rendered page = first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<?> waiter : waiters) {
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isSameAs(page);
        }
        assertThat(renderings).hasValue(1);
        assertThat(cache.get("/articles?q=storm", slowQuery)).isSameAs(page);
    }

    @Test
    void shouldRenderAgainForARequestThatArrivedAfterABatchWasStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger renderings = new AtomicInteger();
        Future<Rendered> before = threads.submit(() -> cache.get("/articles", () -> {
            renderings.incrementAndGet();
            await(release);
            return Rendered.of("before the batch", "application/json");
        }));
        waitUntil(() -> renderings.get() == 1);

        cache.clear(); // a batch was stored while the page was being rendered
        Future<Rendered> after = threads.submit(() -> cache.get("/articles", () -> {
            renderings.incrementAndGet();
            return Rendered.of("after the batch", "application/json");
        }));
        Thread.sleep(100); // give it time to reach the rendering in progress, which it must not take
        release.countDown();

        assertThat(new String(before.get(10, TimeUnit.SECONDS).body())).isEqualTo("before the batch");
        assertThat(new String(after.get(10, TimeUnit.SECONDS).body())).isEqualTo("after the batch");
        assertThat(cache.get("/articles", () -> Rendered.of("third", "application/json")).body())
                .asString().isEqualTo("after the batch");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached");
            }
            Thread.sleep(1);
        }
    }
}
