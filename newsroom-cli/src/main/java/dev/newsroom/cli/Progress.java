package dev.newsroom.cli;

import java.io.PrintStream;

/** A one-line progress bar: files done of total, files per second, time left. Redrawn at most 10 times a second. */
final class Progress {

    private static final int WIDTH = 30;

    private final int total;
    private final PrintStream out;
    private final boolean enabled;
    private final boolean interactive = System.console() != null;
    private final long started = System.nanoTime();
    private int done;
    private int problems;
    private long lastDraw;

    Progress(int total, PrintStream out, boolean enabled) {
        this.total = total;
        this.out = out;
        this.enabled = enabled;
    }

    synchronized void record(UploadResult result) {
        done++;
        if (result.outcome() == UploadResult.Outcome.REJECTED || result.outcome() == UploadResult.Outcome.FAILED) {
            problems++;
        }
        long now = System.nanoTime();
        long interval = interactive ? 100_000_000L : 2_000_000_000L;
        if (enabled && (now - lastDraw > interval || done == total)) {
            lastDraw = now;
            draw(now);
        }
    }

    synchronized void finish() {
        if (enabled && interactive) {
            out.println();
        }
    }

    private void draw(long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        String line = String.format("[%s] %d/%d files  %.1f files/s  ETA %ds%s", bar, done, total, rate, eta,
                problems > 0 ? "  (" + problems + " not accepted)" : "");
        out.print(interactive ? "\r" + line : line + System.lineSeparator());
        out.flush();
    }
}
