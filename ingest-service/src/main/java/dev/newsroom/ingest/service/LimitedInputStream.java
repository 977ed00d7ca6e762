package dev.newsroom.ingest.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what is read through it and refuses (413) to go past a limit, so a limit holds while streaming. */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String name;
    private final String what;
    private long count;

    /** @param what the limit in words, for the message, e.g. {@code "the request limit (newsroom.ingest.max-request-bytes)"} */
    public LimitedInputStream(InputStream in, long limit, String name, String what) {
        super(in);
        this.limit = limit;
        this.name = name;
        this.what = what;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw UploadRejectedException.tooLarge(name, "more than " + limit + " bytes: over " + what);
        }
    }
}
