package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private static final Duration BOUND = Duration.ofSeconds(10);

    /** The pool's threads, so that a test can wait until they are parked (in the rendering they wait for). */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task);
        threads.add(thread);
        return thread;
    });
    private final PageCache cache = new PageCache(Duration.ofMinutes(1), 100);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void shouldRenderAPageOnceForRequestsThatMissTogether() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger renderings = new AtomicInteger();
        Supplier<Rendered> slowQuery = () -> {
            renderings.incrementAndGet();
            awaitRelease(release);
            return Rendered.of("page " + renderings.get(), "application/json");
        };

        Future<Rendered> first = pool.submit(() -> cache.get("/articles?q=storm", slowQuery));
        await().atMost(BOUND).until(() -> renderings.get() == 1);
        List<Future<Rendered>> waiters = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            waiters.add(pool.submit(() -> cache.get("/articles?q=storm", slowQuery)));
        }
        // all seven are parked: the first in its query, the others in the rendering they wait for (or, were
        // misses not shared, each in a query of its own, which the count of renderings below would show)
        await().atMost(BOUND).until(() -> parked() == 7);
        release.countDown();

        Rendered page = first.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        for (Future<Rendered> waiter : waiters) {
            assertThat(waiter.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isSameAs(page);
        }
        assertThat(renderings).hasValue(1);
        assertThat(cache.get("/articles?q=storm", slowQuery)).isSameAs(page);
    }

    @Test
    void shouldRenderAgainForARequestThatArrivedAfterABatchWasStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger renderings = new AtomicInteger();
        Future<Rendered> before = pool.submit(() -> cache.get("/articles", () -> {
            renderings.incrementAndGet();
            awaitRelease(release);
            return Rendered.of("before the batch", "application/json");
        }));
        await().atMost(BOUND).until(() -> renderings.get() == 1);

        cache.clear(); // a batch was stored while the page was being rendered
        Future<Rendered> after = pool.submit(() -> cache.get("/articles", () -> {
            renderings.incrementAndGet();
            return Rendered.of("after the batch", "application/json");
        }));
        // it either renders on its own and is done, or (wrongly) waits for the rendering in progress
        await().atMost(BOUND).until(() -> after.isDone() || parked() == 2);
        release.countDown();

        assertThat(new String(before.get(BOUND.toSeconds(), TimeUnit.SECONDS).body())).isEqualTo("before the batch");
        assertThat(new String(after.get(BOUND.toSeconds(), TimeUnit.SECONDS).body())).isEqualTo("after the batch");
        assertThat(cache.get("/articles", () -> Rendered.of("third", "application/json")).body())
                .asString().isEqualTo("after the batch");
    }

    private long parked() {
        return threads.stream().filter(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING).count();
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
