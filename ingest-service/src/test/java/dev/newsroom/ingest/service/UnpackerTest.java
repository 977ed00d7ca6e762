package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.ingest.Uploads;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream readers of uploads, with small limits: each limit holds while reading. */
class UnpackerTest {

    private static final UploadLimits SMALL = new UploadLimits(10_000, 100, 3, 4, 250);

    private static String form(String boundary, String... parts) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"files\"; filename=\"f")
                    .append(i).append(".md\"\r\nContent-Type: text/markdown\r\n\r\n").append(parts[i]).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAnswerTheMetadataMacOsAddsToAZipAsWhatItIsNotAsABrokenArticle() {
        byte[] appleDouble = {0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X'};
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("articles/a.md", Uploads.utf8("---\ntitle: a\n---\n"));
        entries.put("__MACOSX/articles/._a.md", appleDouble);
        entries.put("articles/._a.md", appleDouble);
        entries.put("articles/.DS_Store", appleDouble);

        UploadLimits limits = new UploadLimits(10_000, 100, 10, 10, 1_000);
        List<SubmittedFile> files = new ArchiveUnpacker(limits).unzip("mac.zip", new ByteArrayInputStream(Uploads.zip(entries)));

        assertThat(files).extracting(SubmittedFile::name).containsExactly("mac.zip!/articles/a.md",
                "mac.zip!/__MACOSX/articles/._a.md", "mac.zip!/articles/._a.md", "mac.zip!/articles/.DS_Store");
        assertThat(files.get(0).refusal()).isNull();
        assertThat(files.subList(1, 4)).allSatisfy(f -> {
            assertThat(f.refusal().status()).isEqualTo(415);
            assertThat(f.refusal().problems().get(0).message()).startsWith("macOS metadata");
        });
    }

    @Test
    void shouldReadEachPartOfAFormAsAFileAndRefuseAnOversizedOneAlone() {
        List<SubmittedFile> files = new MultipartUnpacker(SMALL).read("multipart/form-data; boundary=XyZ",
                in(form("XyZ", "---\ntitle: a\n---\n", "x".repeat(101))));

        assertThat(files).extracting(SubmittedFile::name).containsExactly("f0.md", "f1.md");
        assertThat(new String(files.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("---\ntitle: a\n---\n");
        assertThat(files.get(1).refusal().status()).isEqualTo(413);
    }

    @Test
    void shouldStopReadingAFormAtTheRequestLimit() {
        String body = form("b", "x".repeat(90), "y".repeat(90));
        LimitedInputStream limited = new LimitedInputStream(in(body), 150, "multipart/form-data", "the request limit");

        assertThatThrownBy(() -> new MultipartUnpacker(SMALL).read("multipart/form-data; boundary=b", limited))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("more than 150 bytes");
                });
        assertThat(limited.count()).isLessThanOrEqualTo(150 + 8192);
    }

    @Test
    void shouldRefuseMoreFilesThanABatchMayHold() {
        assertThatThrownBy(() -> new MultipartUnpacker(SMALL).read("multipart/form-data; boundary=b", in(form("b", "1", "2", "3", "4"))))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void shouldStopUnpackingAtTheTotalUnpackedLimit() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.md", new byte[100]);
        entries.put("b.md", new byte[100]);
        entries.put("c.md", new byte[100]);
        assertThatThrownBy(() -> new ArchiveUnpacker(SMALL).unzip("x.zip", new ByteArrayInputStream(Uploads.zip(entries))))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("unpacks to more than 250 bytes");
                });
    }

    @Test
    void shouldRefuseTooManyEntriesAndAnswerForEveryOtherEntry() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.md", new byte[10]);
        entries.put("dir/", new byte[0]);
        entries.put("b.png", new byte[10]);
        List<SubmittedFile> files = new ArchiveUnpacker(SMALL).untarGz("x.tar.gz", new ByteArrayInputStream(Uploads.tarGz(entries)));
        assertThat(files).extracting(SubmittedFile::name).containsExactly("x.tar.gz!/a.md", "x.tar.gz!/b.png");
        assertThat(files.get(1).refusal().status()).isEqualTo(415);

        entries.put("c.md", new byte[1]);
        entries.put("d.md", new byte[1]);
        assertThatThrownBy(() -> new ArchiveUnpacker(SMALL).unzip("y.zip", new ByteArrayInputStream(Uploads.zip(entries))))
                .hasMessageContaining("more than 4 entries");
    }
}
