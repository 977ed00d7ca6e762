package dev.newsroom.article.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When an article was published, as a person says it: "just now", "12 min ago", "3 h ago", "2 days ago",
 * and beyond a week (or for the news as of an instant, where "ago" would mislead) "on 22 April 2020". Pure.
 */
public final class RelativeTime {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private RelativeTime() {
    }

    /** @param asOf whether the page shows the news as of an instant: then always the date */
    public static String of(Instant published, Instant now, boolean asOf) {
        if (published == null) {
            return "";
        }
        Duration age = Duration.between(published, now);
        if (asOf || age.isNegative() || age.toDays() >= 7) {
            return "on " + DAY.format(published);
        }
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " days ago";
    }

    /** A date as the page writes it: "22 April 2020". */
    public static String day(Instant instant) {
        return DAY.format(instant);
    }
}
