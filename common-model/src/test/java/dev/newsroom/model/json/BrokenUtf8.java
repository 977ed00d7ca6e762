package dev.newsroom.model.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A record's JSON made not UTF-8, for the tests of consumers that must refuse such bytes as they came. */
public final class BrokenUtf8 {

    private static final byte[] TITLE = "\"title\":\"".getBytes(StandardCharsets.UTF_8);

    private BrokenUtf8() {
    }

    /**
     * {@code json} with a broken sequence at the start of its title's value: a two-byte sequence's lead byte (0xC3)
     * followed by '(' instead of a continuation byte. Read as text it would become U+FFFD and '('.
     */
    public static byte[] inTitle(byte[] json) {
        int at = indexOf(json, TITLE) + TITLE.length;
        byte[] broken = new byte[json.length + 2];
        System.arraycopy(json, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) '(';
        System.arraycopy(json, at, broken, at + 2, json.length - at);
        return broken;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no title in the JSON");
    }
}
