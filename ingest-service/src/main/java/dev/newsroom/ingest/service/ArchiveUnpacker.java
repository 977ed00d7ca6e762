package dev.newsroom.ingest.service;

import dev.newsroom.model.seed.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a zip or tar.gz upload into its files, as a stream (commons-compress), holding the limits
 * while reading: entries per archive, bytes per file, and bytes unpacked in all (the zip-bomb guard:
 * decompression stops as soon as the total passes it). An entry whose path leaves the archive
 * ({@code ../}, an absolute path) refuses the whole archive: nothing is written to disk by entry name,
 * but such an archive is hostile or broken, and its author should know. Entries that are not article
 * files ({@code .md}, {@code .markdown}, {@code .txt}), macOS metadata ({@code __MACOSX/._a.md}, binary whatever
 * its name) and links are answered as rejected, each saying what it is, never dropped silently.
 */
public final class ArchiveUnpacker {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final UploadLimits limits;

    public ArchiveUnpacker(UploadLimits limits) {
        this.limits = limits;
    }

    public List<SubmittedFile> unzip(String archive, InputStream in) {
        return unpack(archive, "zip", new ZipArchiveInputStream(in, "UTF-8", true, true));
    }

    public List<SubmittedFile> untarGz(String archive, InputStream in) {
        GzipCompressorInputStream gzip;
        try {
            gzip = new GzipCompressorInputStream(in, true);
        } catch (IOException e) {
            throw UploadRejectedException.malformed(archive, "not a readable tar.gz archive: " + e.getMessage());
        }
        return unpack(archive, "tar.gz", new TarArchiveInputStream(gzip, "UTF-8"));
    }

    /** True for the names of files the format lives in. */
    public static boolean isArticleFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt");
    }

    /**
     * What macOS puts beside the files it archives: the {@code __MACOSX/} folder of AppleDouble files, a
     * {@code ._} file for each file, {@code .DS_Store}.
     */
    static boolean isMacMetadata(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith("__MACOSX/") || path.contains("/__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store");
    }

    private List<SubmittedFile> unpack(String archive, String kind, ArchiveInputStream<?> in) {
        List<SubmittedFile> files = new ArrayList<>();
        long[] unpacked = {0};
        int entries = 0;
        try (in) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > limits.maxArchiveEntries()) {
                    throw UploadRejectedException.tooLarge(archive, "more than " + limits.maxArchiveEntries()
                            + " entries in the archive (newsroom.ingest.max-archive-entries)");
                }
                String name = entry.getName().replace('\\', '/');
                checkInside(archive, name);
                if (entry.isDirectory()) {
                    continue;
                }
                String file = archive + "!/" + name;
                if (entry instanceof TarArchiveEntry tar && !tar.isFile()) {
                    files.add(SubmittedFile.refused(file, notAnArticleFile(file, "a link or special file, not a file")));
                } else if (isMacMetadata(name)) { // named .md often (._a.md), but binary: say what it is
                    drain(archive, in, unpacked);
                    files.add(SubmittedFile.refused(file, notAnArticleFile(file, "macOS metadata (__MACOSX/, ._ files, "
                            + ".DS_Store), not an article; Finder's Compress adds it, 'zip -r -X' leaves it out")));
                } else if (!isArticleFileName(name)) {
                    drain(archive, in, unpacked);
                    files.add(SubmittedFile.refused(file, notAnArticleFile(file,
                            "not an article file; archives carry .md (or .markdown, .txt) files")));
                } else {
                    files.add(read(archive, file, in, unpacked));
                }
                if (files.size() > limits.maxFilesPerBatch()) {
                    throw UploadRejectedException.tooLarge(archive, "more than " + limits.maxFilesPerBatch()
                            + " files in one batch (newsroom.ingest.max-files-per-batch)");
                }
            }
        } catch (IOException e) {
            throw UploadRejectedException.malformed(archive, "not a readable " + kind + " archive: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw UploadRejectedException.malformed(archive, "the " + kind + " archive holds no files");
        }
        return files;
    }

    /** Reads one entry, at most the file limit; the rest of an oversized entry is read past (and counted). */
    private SubmittedFile read(String archive, String file, InputStream in, long[] unpacked) throws IOException {
        byte[] bytes = in.readNBytes(limits.maxFileBytes() + 1);
        count(archive, unpacked, bytes.length);
        if (bytes.length > limits.maxFileBytes()) {
            drain(archive, in, unpacked);
            return SubmittedFile.refused(file, ArticleIntake.tooLarge(file, limits.maxFileBytes()));
        }
        return SubmittedFile.of(file, bytes);
    }

    private void drain(String archive, InputStream in, long[] unpacked) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            count(archive, unpacked, n);
        }
    }

    private void count(String archive, long[] unpacked, long n) {
        unpacked[0] += n;
        if (unpacked[0] > limits.maxUnpackedBytes()) {
            throw UploadRejectedException.tooLarge(archive, "the archive unpacks to more than " + limits.maxUnpackedBytes()
                    + " bytes (newsroom.ingest.max-unpacked-bytes); a zip bomb?");
        }
    }

    private static void checkInside(String archive, String name) {
        boolean outside = name.startsWith("/") || DRIVE.matcher(name).matches() || name.equals("..")
                || name.startsWith("../") || name.contains("/../") || name.endsWith("/..");
        if (outside) {
            throw UploadRejectedException.malformed(archive + "!/" + name, "entry '" + name
                    + "' points outside the archive (path traversal); nothing of the archive was ingested");
        }
    }

    private static ArticleRejectedException notAnArticleFile(String file, String message) {
        return new ArticleRejectedException(ArticleRejectedException.NOT_AN_ARTICLE_FILE,
                List.of(new FieldProblem(file, 0, 0, null, message)));
    }
}
