package dev.newsroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Posts files to {@code POST /ingest}, {@code concurrency} at a time. A 503 (Kafka unavailable) or a
 * connection failure is retried with exponential backoff, honouring {@code Retry-After}; a 4xx is a
 * rejection and is reported with the problems the service named.
 */
final class Uploader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String token;
    private final int concurrency;
    private final int maxAttempts;
    private final Duration requestTimeout;
    private final HttpClient http;

    Uploader(URI baseUrl, String token, int concurrency, int maxAttempts, Duration requestTimeout) {
        this.endpoint = baseUrl.resolve("/ingest");
        this.token = token;
        this.concurrency = Math.max(1, concurrency);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    List<UploadResult> upload(List<Path> files, Path root, Consumer<UploadResult> onResult) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<UploadResult>> futures = new ArrayList<>();
            for (Path file : files) {
                String name = root == null ? file.toString() : root.relativize(file.toAbsolutePath()).toString();
                futures.add(pool.submit(() -> {
                    UploadResult result = uploadOne(file, name);
                    onResult.accept(result);
                    return result;
                }));
            }
            List<UploadResult> results = new ArrayList<>();
            for (Future<UploadResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    UploadResult uploadOne(Path file, String name) throws InterruptedException {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            return new UploadResult(name, UploadResult.Outcome.FAILED, null, null, List.of("cannot read: " + e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/markdown")
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Duration backoff = Duration.ofMillis(500);
        String lastFailure = "not attempted";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202 || status == 200) {
                    JsonNode json = JSON.readTree(response.body());
                    return new UploadResult(name, status == 202 ? UploadResult.Outcome.ACCEPTED : UploadResult.Outcome.UNCHANGED,
                            json.path("id").asText(null), json.path("version").asLong(), List.of());
                }
                if (status != 503) {
                    return new UploadResult(name, UploadResult.Outcome.REJECTED, null, null, reasons(status, response.body()));
                }
                lastFailure = "503: Kafka unavailable";
                backoff = response.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s.strip())))
                        .filter(d -> d.compareTo(MAX_BACKOFF) <= 0).orElse(backoff);
            } catch (IOException e) {
                lastFailure = "unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            if (attempt < maxAttempts) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return new UploadResult(name, UploadResult.Outcome.FAILED, null, null,
                List.of("gave up after " + maxAttempts + " attempts; last: " + lastFailure));
    }

    /** The located problems of a problem+json answer, one line each ("line 4, column 9: webUrl must be ..."). */
    static List<String> reasons(int status, String body) {
        List<String> reasons = new ArrayList<>();
        try {
            JsonNode problem = JSON.readTree(body);
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
        } catch (IOException | RuntimeException e) {
            reasons.add(status + ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
        }
        return reasons;
    }
}
