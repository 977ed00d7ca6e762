package dev.newsroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploaderTest {

    @Test
    void shouldListEachLocatedProblemOfARejection() {
        String body = """
                {"type":"/problems/invalid-article","title":"Not a valid article","status":422,
                 "problems":[{"file":"a.md","line":6,"column":9,"field":"webUrl","message":"must be an absolute http or https URL"},
                             {"file":"a.md","line":2,"column":1,"field":"title","message":"is required"}]}""";

        assertThat(Uploader.reasons(422, body)).containsExactly(
                "line 6, column 9: webUrl must be an absolute http or https URL",
                "line 2, column 1: title is required");
    }

    @Test
    void shouldFallBackToTheStatusForAnAnswerThatIsNoProblem() {
        assertThat(Uploader.reasons(401, "{\"title\":\"Missing or wrong ingest token\",\"detail\":\"send it\"}"))
                .containsExactly("401 Missing or wrong ingest token: send it");
        assertThat(Uploader.reasons(500, "oops")).containsExactly("500: oops");
    }

    @Test
    void shouldCollectArticleFilesUnderFoldersButNotReadmes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/one.md"), "x");
        Files.writeString(dir.resolve("a/b/two.txt"), "x");
        Files.writeString(dir.resolve("a/README.md"), "x");
        Files.writeString(dir.resolve("a/b/data.tsv"), "x");

        assertThat(IngestCommand.collect(List.of(dir.resolve("a"))))
                .containsExactly(dir.resolve("a/b/two.txt"), dir.resolve("a/one.md"));
    }

    @Test
    void shouldExitNonZeroWhenAnyFileWasRejectedOrNotDelivered() {
        UploadResult ok = new UploadResult("a", UploadResult.Outcome.ACCEPTED, "x", 1L, List.of());
        UploadResult bad = new UploadResult("b", UploadResult.Outcome.REJECTED, null, null, List.of("line 1: nope"));
        UploadResult lost = new UploadResult("c", UploadResult.Outcome.FAILED, null, null, List.of("gave up"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new Summary(List.of(ok, bad)).print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(new Summary(List.of(ok)).exitCode()).isZero();
        assertThat(new Summary(List.of(ok, bad)).exitCode()).isEqualTo(1);
        assertThat(new Summary(List.of(ok, bad, lost)).exitCode()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rejected        1", "rejected b", "  line 1: nope");
    }

    @Test
    void shouldWriteEveryFileAsAPartNamedFiles() {
        MultipartBody body = new MultipartBody().add("dir/a \"quoted\".md", "---\n".getBytes(StandardCharsets.UTF_8));
        String text = new String(body.toByteArray(), StandardCharsets.UTF_8);
        String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);

        assertThat(text).startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"files\"; filename=\"dir/a %22quoted%22.md\"; "
                        + "filename*=UTF-8''dir%2Fa%20%22quoted%22.md\r\n")
                .endsWith("\r\n---\n\r\n--" + boundary + "--\r\n");
    }
}
