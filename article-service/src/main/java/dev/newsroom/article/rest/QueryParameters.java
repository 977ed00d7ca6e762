package dev.newsroom.article.rest;

import dev.newsroom.article.service.Cursor;
import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one list request, checked: an unknown or repeated parameter, a value of the
 * wrong kind or out of range is a 400 that names the parameter and says why. Pure logic.
 */
public final class QueryParameters {

    static final int MAX_TEXT = 200;

    private final MultivaluedMap<String, String> values;

    private QueryParameters(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** @throws BadParameterException when a parameter is not one of {@code known} or is given twice */
    public static QueryParameters of(MultivaluedMap<String, String> values, Set<String> known) {
        for (var entry : values.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new BadParameterException(entry.getKey(), "is not a parameter of this resource; known: "
                        + String.join(", ", new TreeSet<>(known)));
            }
            if (entry.getValue().size() > 1) {
                throw new BadParameterException(entry.getKey(), "is given " + entry.getValue().size() + " times; give it once");
            }
        }
        return new QueryParameters(values);
    }

    /** A text parameter, stripped; {@code null} when absent. */
    public String text(String name) {
        String value = values.getFirst(name);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new BadParameterException(name, "must not be empty");
        }
        if (stripped.length() > MAX_TEXT) {
            throw new BadParameterException(name, "must be at most " + MAX_TEXT + " characters, was " + stripped.length());
        }
        if (stripped.indexOf('\u0000') >= 0) { // PostgreSQL's text cannot hold it, and no stored text has it
            throw new BadParameterException(name, "must not contain the character U+0000 (NUL)");
        }
        return stripped;
    }

    /** A case-insensitive name (topic, category, type) as its key ({@code Article.nameKey}); a provider domain is {@link #domainKey}. */
    public String key(String name) {
        return Article.nameKey(text(name));
    }

    /**
     * A provider domain, written as the stored key ({@code Provider.domainKey}): {@code NYTimes.com.} finds
     * {@code nytimes.com}. One that is only dots is refused, as an empty one is.
     */
    public String domainKey(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String key = Provider.domainKey(value);
        if (key == null) {
            throw new BadParameterException(name, "must name a domain, was '" + value + "'");
        }
        return key;
    }

    public int size(int defaultSize, int maxSize) {
        String value = values.getFirst("size");
        if (value == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= maxSize) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException("size", "must be a whole number between 1 and " + maxSize + ", was '" + value + "'");
    }

    /**
     * An instant ({@code 2020-01-12T22:17:00Z}) or a date ({@code 2020-01-12}, UTC). A date given as the
     * upper bound includes that whole day.
     */
    public Instant instant(String name, boolean upperBound) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (upperBound ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new BadParameterException(name, "must be an ISO-8601 instant (2020-01-12T22:17:00Z) or date"
                        + " (2020-01-12), was '" + value + "'");
            }
        }
    }

    /**
     * The instant the news is asked as of ({@code at}): an instant, or a date (UTC), which means the end of
     * that day (its last millisecond), so that the whole day's articles are in.
     */
    public Instant asOf(String name) {
        String value = values.getFirst(name);
        if (value != null && !value.isBlank() && value.strip().length() == 10) {
            Instant nextDay = instant(name, true);
            return nextDay.minusMillis(1);
        }
        return instant(name, false);
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            throw new BadParameterException(name, "must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
    }

    /**
     * The cursor, which must belong to {@code order} (a cursor of another order would page nonsense) and
     * whose value {@code parse} must accept (it throws when the value does not fit the order).
     */
    public Cursor cursor(String order, java.util.function.Consumer<String> parse) {
        Cursor cursor = cursor(order);
        if (cursor != null) {
            try {
                parse.accept(cursor.value());
            } catch (RuntimeException e) {
                throw new BadParameterException("cursor", "is not a cursor this service issued");
            }
        }
        return cursor;
    }

    /** The cursor, which must belong to {@code order} (a cursor of another order would page nonsense). */
    public Cursor cursor(String order) {
        String value = values.getFirst("cursor");
        if (value == null) {
            return null;
        }
        Cursor cursor = Cursor.decode(value.strip())
                .orElseThrow(() -> new BadParameterException("cursor", "is not a cursor this service issued"));
        if (!cursor.order().equals(order)) {
            throw new BadParameterException("cursor", "belongs to the order '" + cursor.order() + "', not to '" + order
                    + "'; follow the next link of the same order");
        }
        return cursor;
    }
}
