package dev.newsroom.bench;

/**
 * One measured figure.
 *
 * @param section  the benchmark it belongs to (parsing, ranking, ingest, reads, footprint, limits)
 * @param name     what was measured
 * @param value    the median (or the single value) measured
 * @param unit     e.g. files/s, ms, MiB
 * @param target   the target in words, or null when the figure is context (a baseline, a limit)
 * @param met      whether the target was met, or null without a target
 * @param note     how it was measured, ratios, anything a reader needs
 */
record Figure(String section, String name, double value, String unit, String target, Boolean met, String note) {

    static Figure context(String section, String name, double value, String unit, String note) {
        return new Figure(section, name, value, unit, null, null, note);
    }

    static Figure atLeast(String section, String name, double value, String unit, double target, String note) {
        return new Figure(section, name, value, unit, "≥ " + format(target) + " " + unit, value >= target, note);
    }

    static Figure atMost(String section, String name, double value, String unit, double target, String note) {
        return new Figure(section, name, value, unit, "≤ " + format(target) + " " + unit, value <= target, note);
    }

    /** The figure on one line, as the tools that run one part of the benchmark on a kept stack print it. */
    String line() {
        return String.format("%-70s %,.2f %s  %s", name, value, unit, note);
    }

    static String format(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format("%,.0f", v);
        }
        return String.format("%.2f", v);
    }
}
