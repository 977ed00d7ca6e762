package dev.newsroom.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.model.Article;
import dev.newsroom.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A publisher that keeps going whatever fails: it posts articles to ingest-service in multipart batches and
 * sends a batch again when it is answered 503 or the connection breaks (the service killed, the broker
 * gone), after a short back-off, as {@code ./newsroom ingest} does. It records what ingest acknowledged:
 * each article with the id and version ingest answered ({@code accepted}, or {@code unchanged} when an
 * earlier attempt of the batch got through before its answer was lost).
 */
final class Publisher {

    private static final Duration BACK_OFF = Duration.ofMillis(500);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

    private final Supplier<String> ingestUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** article id → the newest version ingest acknowledged for it */
    final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger broken = new AtomicInteger();
    final AtomicInteger batchesDone = new AtomicInteger();
    final long started = System.nanoTime();
    /** batch indexes before which the publisher stops until {@link #release()}: where a test breaks something */
    private final java.util.Set<Integer> holds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger heldAt = new AtomicInteger(-1);
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    /** {@code ingestUrl} is asked before every request: a restarted ingest-service may move. */
    Publisher(Supplier<String> ingestUrl) {
        this.ingestUrl = ingestUrl;
    }

    /**
     * Makes the publisher stop before each of these batches (0-based) until {@link #release()}, so that a
     * fault comes in the middle of the stream on any machine, fast or slow.
     */
    Publisher holdBefore(int... batches) {
        for (int b : batches) {
            holds.add(b);
        }
        return this;
    }

    boolean isHeldBefore(int batch) {
        return heldAt.get() == batch;
    }

    void release() {
        heldAt.set(-1);
        gate.complete(null);
    }

    /** Publishes {@code articles} in batches of {@code batchSize} on a thread of its own. */
    CompletableFuture<Void> publishInBackground(List<Article> articles, int batchSize) {
        // a thread of its own, not the common pool: a held publisher must not hold up anything else
        return CompletableFuture.runAsync(() -> publish(articles, batchSize), task -> {
            Thread thread = new Thread(task, "publisher");
            thread.setDaemon(true);
            thread.start();
        });
    }

    void publish(List<Article> articles, int batchSize) {
        for (int from = 0, index = 0; from < articles.size(); from += batchSize, index++) {
            if (holds.remove(index)) {
                CompletableFuture<Void> held = new CompletableFuture<>();
                gate = held;
                heldAt.set(index);
                held.completeOnTimeout(null, GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS).join(); // never held for ever
            }
            List<Article> batch = articles.subList(from, Math.min(articles.size(), from + batchSize));
            sent.addAndGet(batch.size());
            postUntilAnswered(batch);
            batchesDone.incrementAndGet();
        }
    }

    /** Posts one article alone; returns the version ingest acknowledged. */
    long publishOne(Article article) {
        sent.incrementAndGet();
        postUntilAnswered(List.of(article));
        return acknowledged.get(dev.newsroom.model.ArticleId.of(article).orElseThrow());
    }

    private void postUntilAnswered(List<Article> batch) {
        String boundary = "faults-" + System.nanoTime();
        byte[] body = multipart(batch, boundary);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl.get() + "/ingest"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + Newsroom.TOKEN)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    record(Json.mapper().readTree(response.body()), batch.size());
                    return;
                }
                if (response.statusCode() != 503) {
                    throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
                }
                unavailable.incrementAndGet();
            } catch (IOException e) {
                broken.incrementAndGet(); // the service was killed or is starting again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a batch was not accepted within " + GIVE_UP_AFTER);
            }
            backOff();
        }
    }

    private void record(JsonNode answer, int files) {
        JsonNode items = answer.get("items");
        if (items == null || items.size() != files) {
            throw new IllegalStateException("a batch answer without one item per file: " + answer);
        }
        for (JsonNode item : items) {
            String status = item.path("status").asText();
            if (!status.equals("accepted") && !status.equals("unchanged")) {
                throw new IllegalStateException("a file was not accepted: " + item);
            }
            acknowledged.merge(item.get("id").asText(), item.get("version").asLong(), Math::max);
        }
    }

    private static byte[] multipart(List<Article> batch, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (Article article : batch) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a"
                    + (n++) + ".md\"\r\nContent-Type: text/markdown\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(FaultCorpus.file(article));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A publisher's back-off between attempts (not a wait for a condition: the next attempt is the check). */
    private static void backOff() {
        try {
            TimeUnit.MILLISECONDS.sleep(BACK_OFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
