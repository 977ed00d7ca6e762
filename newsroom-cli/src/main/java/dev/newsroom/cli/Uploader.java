package dev.newsroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.seed.SeedFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Posts files to {@code POST /ingest} in batches ({@code multipart/form-data}, at most {@code batchSize}
 * files and {@code batchBytes} bytes each), {@code concurrency} batches at a time. A 503 (Kafka
 * unavailable, or ingest still reading back its versions), another 5xx or a connection failure is retried with exponential backoff, honouring
 * {@code Retry-After}: a batch is safe to send again, as what already reached Kafka comes back
 * "unchanged". A batch refused as too large is split in two. A rejected file is reported with the
 * problems the service named. Copies of one article go in the order of the files, each once the one before it
 * is answered ({@link Batcher}), so the copy last in that order becomes the article's latest version.
 */
final class Uploader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String token;
    private final int concurrency;
    private final int batchSize;
    private final long batchBytes;
    private final int maxAttempts;
    private final Duration requestTimeout;
    private final HttpClient http;
    /** Reads files for {@link #articleOf} only, on the thread that cuts them into batches. */
    private final SeedFormat format = new SeedFormat();

    Uploader(URI baseUrl, String token, int concurrency, int batchSize, long batchBytes, int maxAttempts, Duration requestTimeout) {
        this.endpoint = baseUrl.resolve("/ingest");
        this.token = token;
        this.concurrency = Math.max(1, concurrency);
        this.batchSize = Math.max(1, batchSize);
        this.batchBytes = Math.max(1, batchBytes);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A file to send and the name the service will know it by (its path below the common root). */
    record Upload(Path path, String name, byte[] content) {
    }

    List<UploadResult> upload(List<Path> files, Path root, Consumer<UploadResult> onResult) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            // The pool takes batches in the order they are submitted, so a batch waiting for earlier ones only
            // waits for batches already sent or being sent: it cannot hold up the one it waits for.
            List<Future<List<UploadResult>>> futures = new ArrayList<>();
            Batcher batcher = new Batcher(batchSize, batchBytes, this::articleOf, Uploader::sizeOf);
            for (Path file : files) {
                batcher.add(file).ifPresent(batch -> futures.add(submit(pool, batch, futures, root, onResult)));
            }
            batcher.finish().ifPresent(batch -> futures.add(submit(pool, batch, futures, root, onResult)));
            List<UploadResult> results = new ArrayList<>();
            for (Future<List<UploadResult>> f : futures) {
                try {
                    results.addAll(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Future<List<UploadResult>> submit(ExecutorService pool, Batcher.Batch batch,
                                              List<Future<List<UploadResult>>> submitted, Path root,
                                              Consumer<UploadResult> onResult) {
        List<Future<List<UploadResult>>> earlier = batch.after().stream().map(submitted::get).toList();
        return pool.submit(() -> {
            for (Future<List<UploadResult>> before : earlier) {
                try {
                    before.get(); // answered, whatever the answer: its own results report a failure
                } catch (ExecutionException e) {
                    // reported where that batch's results are gathered
                }
            }
            List<Upload> uploads = new ArrayList<>();
            List<UploadResult> results = new ArrayList<>();
            for (Path file : batch.files()) {
                String name = nameOf(file, root);
                try {
                    uploads.add(new Upload(file, name, Files.readAllBytes(file)));
                } catch (IOException e) {
                    UploadResult failed = new UploadResult(name, UploadResult.Outcome.FAILED, null, null,
                            List.of("cannot read: " + e.getMessage()));
                    onResult.accept(failed);
                    results.add(failed);
                }
            }
            results.addAll(send(uploads, onResult));
            return results;
        });
    }

    private static String nameOf(Path file, Path root) {
        return root == null ? file.toString() : root.relativize(file.toAbsolutePath()).toString();
    }

    /**
     * The article a file holds, by the id ingest gives it (from its canonical URL); empty when the file cannot
     * be read or is not an article, which ingest will say.
     */
    private Optional<String> articleOf(Path file) {
        try {
            return ArticleId.of(format.read(file.toString(), Files.readAllBytes(file)).article());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Sends one batch until every file of it has an answer (or the attempts are used up). */
    List<UploadResult> send(List<Upload> batch, Consumer<UploadResult> onResult) throws InterruptedException {
        if (batch.isEmpty()) {
            return List.of();
        }
        MultipartBody body = new MultipartBody();
        batch.forEach(u -> body.add(u.name(), u.content()));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        Duration backoff = Duration.ofMillis(500);
        String lastFailure = "not attempted";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return answered(batch, JSON.readTree(response.body()), onResult);
                }
                if (status == 413 && batch.size() > 1) {
                    List<UploadResult> results = new ArrayList<>(send(batch.subList(0, batch.size() / 2), onResult));
                    results.addAll(send(batch.subList(batch.size() / 2, batch.size()), onResult));
                    return results;
                }
                if (status < 500) {
                    return report(batch, UploadResult.Outcome.REJECTED, reasons(status, response.body()), onResult);
                }
                lastFailure = status + ": " + abbreviate(response.body());
                backoff = response.headers().firstValue("Retry-After").flatMap(Uploader::seconds)
                        .filter(d -> d.compareTo(MAX_BACKOFF) <= 0).orElse(backoff);
            } catch (IOException e) {
                lastFailure = "unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            if (attempt < maxAttempts) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return report(batch, UploadResult.Outcome.FAILED,
                List.of("gave up after " + maxAttempts + " attempts; last: " + lastFailure), onResult);
    }

    /** One result per file from a batch answer ({@code items} in the order the files were sent). */
    private static List<UploadResult> answered(List<Upload> batch, JsonNode answer, Consumer<UploadResult> onResult) {
        List<UploadResult> results = new ArrayList<>();
        JsonNode items = answer.path("items");
        for (int i = 0; i < batch.size(); i++) {
            JsonNode item = items.path(i);
            String name = batch.get(i).name();
            UploadResult result = switch (item.path("status").asText("")) {
                case "accepted" -> new UploadResult(name, UploadResult.Outcome.ACCEPTED, item.path("id").asText(null),
                        item.path("version").asLong(), List.of());
                case "unchanged" -> new UploadResult(name, UploadResult.Outcome.UNCHANGED, item.path("id").asText(null),
                        item.path("version").asLong(), List.of());
                case "rejected" -> new UploadResult(name, UploadResult.Outcome.REJECTED, null, null,
                        reasons(item.path("code").asInt(), item));
                default -> new UploadResult(name, UploadResult.Outcome.FAILED, null, null,
                        List.of("the service's answer has no entry for this file"));
            };
            onResult.accept(result);
            results.add(result);
        }
        return results;
    }

    private static List<UploadResult> report(List<Upload> batch, UploadResult.Outcome outcome, List<String> reasons,
                                             Consumer<UploadResult> onResult) {
        List<UploadResult> results = new ArrayList<>();
        for (Upload u : batch) {
            UploadResult result = new UploadResult(u.name(), outcome, null, null, reasons);
            onResult.accept(result);
            results.add(result);
        }
        return results;
    }

    /** The located problems of a problem+json answer, one line each ("line 4, column 9: webUrl must be ..."). */
    static List<String> reasons(int status, String body) {
        try {
            return reasons(status, JSON.readTree(body));
        } catch (IOException | RuntimeException e) {
            return List.of(status + ": " + abbreviate(body));
        }
    }

    private static List<String> reasons(int status, JsonNode problem) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode p : problem.path("problems")) {
            StringBuilder line = new StringBuilder();
            if (p.path("line").asInt() > 0) {
                line.append("line ").append(p.path("line").asInt()).append(", column ").append(p.path("column").asInt()).append(": ");
            }
            if (!p.path("field").isMissingNode() && !p.path("field").isNull()) {
                line.append(p.path("field").asText()).append(' ');
            }
            reasons.add(line.append(p.path("message").asText()).toString());
        }
        if (reasons.isEmpty()) {
            reasons.add(status + " " + problem.path("title").asText("") + ": " + problem.path("detail").asText(""));
        }
        return reasons;
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
