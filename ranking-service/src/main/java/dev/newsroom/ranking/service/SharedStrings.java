package dev.newsroom.ranking.service;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.util.BytesRef;

/**
 * One copy of each string that decoding reads again and again (the providers' domains and the topics of the
 * profiles a look-up reads), found by its UTF-8 bytes without making a string first. Decoded profiles are
 * cached for a while ({@link CorpusIndex}'s {@link FieldCache}): with their strings shared, each holds only its
 * own arrays. Bounded: at {@code capacity} strings it forgets them all and starts again. Not thread-safe: the
 * {@link CorpusIndex} serialises access.
 */
final class SharedStrings {

    private final Map<BytesRef, String> strings = new HashMap<>();
    /** Points into the bytes being decoded while a string is looked up. */
    private final BytesRef probe = new BytesRef();
    private final int capacity;

    SharedStrings(int capacity) {
        this.capacity = capacity;
    }

    /** The string of these UTF-8 bytes (which it keeps none of). */
    String of(byte[] bytes, int offset, int length) {
        probe.bytes = bytes;
        probe.offset = offset;
        probe.length = length;
        String string = strings.get(probe);
        if (string == null) {
            if (strings.size() >= capacity) {
                strings.clear();
            }
            string = new String(bytes, offset, length, StandardCharsets.UTF_8);
            strings.put(BytesRef.deepCopyOf(probe), string);
        }
        return string;
    }

    int size() {
        return strings.size();
    }
}
