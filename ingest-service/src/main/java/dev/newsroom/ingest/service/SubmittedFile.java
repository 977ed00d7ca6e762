package dev.newsroom.ingest.service;

/**
 * One file of a submission (a body, a form part, an archive entry, a file of the drop folder), named as
 * the publisher named it; or, when it was refused while being read (too large, not an article file),
 * the reason, so that it still gets its own answer in the batch.
 */
public record SubmittedFile(String name, byte[] bytes, ArticleRejectedException refusal) {

    public static SubmittedFile of(String name, byte[] bytes) {
        return new SubmittedFile(name, bytes, null);
    }

    public static SubmittedFile refused(String name, ArticleRejectedException refusal) {
        return new SubmittedFile(name, null, refusal);
    }

    public int size() {
        return bytes == null ? 0 : bytes.length;
    }
}
