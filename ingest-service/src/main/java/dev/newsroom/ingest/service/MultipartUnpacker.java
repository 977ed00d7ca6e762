package dev.newsroom.ingest.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads a {@code multipart/form-data} upload as a stream (Apache James mime4j), one file per part of the
 * field {@code files} (or {@code file}), holding the limits while reading: files per batch and bytes per
 * file (an oversized file is answered as rejected, the others go on). A part's name is its
 * {@code filename}; the request limit is held by the stream the caller passes in.
 */
public final class MultipartUnpacker {

    private static final String UPLOAD = "multipart/form-data";

    private final UploadLimits limits;

    public MultipartUnpacker(UploadLimits limits) {
        this.limits = limits;
    }

    public List<SubmittedFile> read(String contentType, InputStream in) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
            throw UploadRejectedException.malformed(UPLOAD, "multipart/form-data without a boundary parameter");
        }
        MimeTokenStream parts = new MimeTokenStream(MimeConfig.custom()
                .setMaxLineLen(-1).setMaxHeaderLen(16 * 1024).setMaxHeaderCount(100).build());
        parts.setRecursionMode(RecursionMode.M_NO_RECURSE);
        List<SubmittedFile> files = new ArrayList<>();
        try {
            parts.parseHeadless(in, contentType);
            String disposition = null;
            for (EntityState state = parts.getState(); state != EntityState.T_END_OF_STREAM; state = parts.next()) {
                switch (state) {
                    case T_START_BODYPART -> disposition = null;
                    case T_FIELD -> {
                        Field field = parts.getField();
                        if (field.getName().equalsIgnoreCase("Content-Disposition")) {
                            disposition = field.getBody();
                        }
                    }
                    case T_BODY -> {
                        files.add(part(disposition, files.size(), parts.getDecodedInputStream()));
                        if (files.size() > limits.maxFilesPerBatch()) {
                            throw UploadRejectedException.tooLarge(UPLOAD, "more than " + limits.maxFilesPerBatch()
                                    + " files in one batch (newsroom.ingest.max-files-per-batch)");
                        }
                    }
                    default -> {
                        // preamble, epilogue, part boundaries: nothing to keep
                    }
                }
            }
        } catch (MimeException | IOException e) {
            throw UploadRejectedException.malformed(UPLOAD, "not a readable multipart/form-data body: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw UploadRejectedException.malformed(UPLOAD, "no files: send each file as a part named 'files'");
        }
        return files;
    }

    private SubmittedFile part(String disposition, int index, InputStream body) throws IOException {
        RawBody parsed = disposition == null ? null
                : RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Disposition", disposition));
        String field = parsed == null ? null : parameter(parsed, "name");
        if (field == null || !(field.equals("files") || field.equals("file"))) {
            throw UploadRejectedException.malformed(UPLOAD, "unexpected form field '" + field
                    + "': send each file as a part named 'files'");
        }
        String name = fileName(parsed, index);
        byte[] bytes = body.readNBytes(limits.maxFileBytes() + 1);
        if (bytes.length > limits.maxFileBytes()) {
            body.transferTo(OutputStream.nullOutputStream()); // read past it; the request limit still counts
            return SubmittedFile.refused(name, ArticleIntake.tooLarge(name, limits.maxFileBytes()));
        }
        return SubmittedFile.of(name, bytes);
    }

    private static String fileName(RawBody disposition, int index) {
        String extended = parameter(disposition, "filename*");
        String name = null;
        if (extended != null && extended.toLowerCase(Locale.ROOT).startsWith("utf-8''")) {
            name = URLDecoder.decode(extended.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        if (name == null) {
            name = parameter(disposition, "filename");
        }
        return name == null || name.isBlank() ? "files[" + index + "]" : name;
    }

    private static String parameter(RawBody body, String name) {
        for (NameValuePair p : body.getParams()) {
            if (p.getName().equalsIgnoreCase(name)) {
                return p.getValue();
            }
        }
        return null;
    }
}
