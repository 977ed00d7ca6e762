package dev.newsroom.ingest;

import dev.newsroom.model.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Files and archives to upload in tests: the seed with a change, zips and tar.gz archives. */
public final class Uploads {

    public static final String SEED_WEB_URL = "https://www.nytimes.com/2020/01/12/technology/facial-recognition-police.html";

    private Uploads() {
    }

    public static String seed() {
        return Samples.text(Samples.seed());
    }

    /** The seed with {@code line} (the whole text of one line, without its newline) replaced, or removed when {@code replacement} is null. */
    public static String seedWithLine(String line, String replacement) {
        String seed = seed();
        String target = line + "\n";
        if (!seed.contains(target)) {
            throw new IllegalArgumentException("the seed has no line " + line);
        }
        return seed.replace(target, replacement == null ? "" : replacement + "\n");
    }

    /** The seed with line {@code number} (1-based) replaced by {@code replacement}, or removed when it is null. */
    public static String seedWithLine(int number, String replacement) {
        String[] lines = seed().split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i == number - 1) {
                if (replacement != null) {
                    out.append(replacement).append('\n');
                }
            } else {
                out.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
            }
        }
        return out.toString();
    }

    /** The seed under another webUrl (so that a test's article does not collide with another test's). */
    public static String seedAt(String url) {
        return seedWithLine("webUrl: \"" + SEED_WEB_URL + "\"", "webUrl: \"" + url + "\"");
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] tarGz(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
