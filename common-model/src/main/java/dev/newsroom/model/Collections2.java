package dev.newsroom.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the model records: lists and maps are immutable and never null. */
final class Collections2 {
    private Collections2() {
    }

    static <T> List<T> copyOrEmpty(List<T> list) {
        return list == null || list.isEmpty() ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    /** Keeps insertion order (file order) and allows {@code null} values, which YAML has. */
    static <V> Map<String, V> copyOrEmpty(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
