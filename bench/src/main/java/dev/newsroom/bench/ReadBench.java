package dev.newsroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads under load: wrk (Debian's) against article-service with everything the ingest section stored. */
final class ReadBench {

    static final String SECTION = "reads";
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    private final Path root;
    private final Stack stack;
    private final Path work;

    ReadBench(Path root, Stack stack, Path work) {
        this.root = root;
        this.stack = stack;
        this.work = work;
    }

    record WrkResult(double requestsPerSecond, double p50, double p90, double p99) {
    }

    void run(long stored, List<Figure> figures) throws Exception {
        Path ids = work.resolve("ids.txt");
        Files.write(ids, someIds(1000));
        String base = stack.articlesUrl();
        String setting = String.format("wrk -t2 -c16 -d20s --latency, after a 5 s warm-up; %,d articles stored", stored);

        WrkResult heat = wrk(base + "/articles?sort=heat&size=20", null, ids);
        figures.add(Figure.atLeast(SECTION, "GET /articles?sort=heat&size=20", heat.requestsPerSecond(), "req/s", 5000, setting));
        figures.add(Figure.atMost(SECTION, "GET /articles?sort=heat&size=20 p99", heat.p99(), "ms", 20,
                String.format("p50 %.2f ms, p90 %.2f ms", heat.p50(), heat.p90())));

        WrkResult search = wrk(base + "/articles?q=coronavirus&size=20", null, ids);
        figures.add(Figure.context(SECTION, "GET /articles?q=coronavirus&size=20", search.requestsPerSecond(), "req/s", setting));
        figures.add(Figure.context(SECTION, "GET /articles?q=coronavirus&size=20 p99", search.p99(), "ms",
                String.format("p50 %.2f ms, p90 %.2f ms", search.p50(), search.p90())));

        WrkResult byId = wrk(base, root.resolve("article-service/bench/by-id.lua"), ids);
        figures.add(Figure.atLeast(SECTION, "GET /articles/{id}", byId.requestsPerSecond(), "req/s", 5000,
                setting + "; 1,000 ids drawn at random"));
        figures.add(Figure.atMost(SECTION, "GET /articles/{id} p99", byId.p99(), "ms", 20,
                String.format("p50 %.2f ms, p90 %.2f ms", byId.p50(), byId.p90())));

        // the same over 30 times as many ids: few are read again within the page cache's 2 s, so most reads
        // compose the article from its rows (what a read of an article nobody asked for lately costs)
        Path manyIds = work.resolve("ids-30000.txt");
        Files.write(manyIds, someIds(30_000));
        WrkResult composed = wrk(base, root.resolve("article-service/bench/by-id.lua"), manyIds);
        figures.add(Figure.context(SECTION, "GET /articles/{id}, 30,000 ids (most composed anew)",
                composed.requestsPerSecond(), "req/s", setting + "; 30,000 ids drawn at random"));
        figures.add(Figure.context(SECTION, "GET /articles/{id}, 30,000 ids, p99", composed.p99(), "ms",
                String.format("p50 %.2f ms, p90 %.2f ms", composed.p50(), composed.p90())));
    }

    private List<String> someIds(int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String next = stack.articlesUrl() + "/articles?size=100";
        while (next != null && ids.size() < count) {
            JsonNode page = Http.getJson(next);
            page.path("items").forEach(item -> ids.add(item.path("id").asText()));
            next = page.path("next").isTextual() ? page.path("next").asText() : null;
        }
        return ids;
    }

    private WrkResult wrk(String url, Path script, Path ids) throws IOException, InterruptedException {
        run(List.of("wrk", "-t2", "-c16", "-d5s", url), script, ids); // warm-up
        String output = run(List.of("wrk", "-t2", "-c16", "-d20s", "--latency", url), script, ids);
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IOException("no rate in wrk's output:\n" + output);
        }
        double p50 = 0;
        double p90 = 0;
        double p99 = 0;
        Matcher m = PERCENTILE.matcher(output);
        while (m.find()) {
            double ms = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            switch (m.group(1)) {
                case "50" -> p50 = ms;
                case "90" -> p90 = ms;
                default -> p99 = ms;
            }
        }
        if (output.contains("Non-2xx or 3xx responses")) {
            throw new IOException("wrk saw errors:\n" + output);
        }
        return new WrkResult(Double.parseDouble(rate.group(1)), p50, p90, p99);
    }

    private static String run(List<String> wrk, Path script, Path ids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrk.subList(0, wrk.size() - 1));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(wrk.get(wrk.size() - 1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("IDS", ids.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
