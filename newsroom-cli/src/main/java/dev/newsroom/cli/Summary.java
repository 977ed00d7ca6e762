package dev.newsroom.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** The table printed after an upload, and the exit code it implies. */
final class Summary {

    private final List<UploadResult> results;
    private final Duration took;

    Summary(List<UploadResult> results, Duration took) {
        this.results = results;
        this.took = took;
    }

    Summary(List<UploadResult> results) {
        this(results, null);
    }

    long count(UploadResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    void print(PrintStream out) {
        out.printf("%-10s %6s%n", "outcome", "files");
        for (UploadResult.Outcome outcome : UploadResult.Outcome.values()) {
            out.printf("%-10s %6d%n", outcome.name().toLowerCase(), count(outcome));
        }
        out.printf("%-10s %6d%n", "total", results.size());
        if (took != null) {
            double seconds = Math.max(1e-3, took.toNanos() / 1e9);
            out.printf("%d files in %.1f s (%.0f files/s)%n", results.size(), seconds, results.size() / seconds);
        }
        for (UploadResult r : results) {
            if (r.outcome() == UploadResult.Outcome.REJECTED || r.outcome() == UploadResult.Outcome.FAILED) {
                out.printf("%n%s %s%n", r.outcome().name().toLowerCase(), r.file());
                r.reasons().forEach(reason -> out.println("  " + reason));
            }
        }
    }

    /** 0 all accepted or unchanged, 1 some rejected, 2 some not delivered. */
    int exitCode() {
        if (count(UploadResult.Outcome.FAILED) > 0) {
            return 2;
        }
        return count(UploadResult.Outcome.REJECTED) > 0 ? 1 : 0;
    }
}
