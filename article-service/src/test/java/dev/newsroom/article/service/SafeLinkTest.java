package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeLinkTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "https://www.nytimes.com/2020/01/12/world/asia/taiwan-election-tsai-ing-wen.html",
            "http://example.com",
            "https://example.com/",
            "HTTPS://EXAMPLE.COM/Path",
            "hTtP://example.com/a?b=c&d=e#f",
            "https://example.com:8443/x",
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://example.com/search?q=%3Cscript%3E",
            "https://bücher.de/katalog",
            "https://example.com/straße",
    })
    void shouldKeepAbsoluteHttpLinks(String url) {
        assertThat(SafeLink.isLink(url)).isTrue();
        assertThat(SafeLink.orNull(url)).isEqualTo(url);
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("javascript", "javascript:alert(1)"),
                Arguments.of("upper-case javascript", "JaVaScRiPt:alert(1)"),
                Arguments.of("javascript with a comment after //", "javascript://example.com/%0Aalert(1)"),
                Arguments.of("leading space", " javascript:alert(1)"),
                Arguments.of("leading space before http", " https://example.com/"),
                Arguments.of("trailing newline", "https://example.com/\n"),
                Arguments.of("tab inside the scheme", "java\tscript:alert(1)"),
                Arguments.of("newline inside the scheme", "java\nscript:alert(1)"),
                Arguments.of("tab inside http", "ht\ttps://example.com/"),
                Arguments.of("NUL first", "\u0000javascript:alert(1)"),
                Arguments.of("NUL inside", "https://example.com/\u0000"),
                Arguments.of("C1 control", "https://example.com/\u0085"),
                Arguments.of("zero-width space", "https://exa\u200Bmple.com/"),
                Arguments.of("byte order mark first", "\uFEFFhttps://example.com/"),
                Arguments.of("right-to-left override", "https://example.com/\u202Egpj.exe"),
                Arguments.of("non-breaking space", "https://example.com/a\u00A0b"),
                Arguments.of("line separator", "https://example.com/\u2028"),
                Arguments.of("lone surrogate", "https://example.com/\uD800"),
                Arguments.of("data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
                Arguments.of("vbscript", "vbscript:msgbox(1)"),
                Arguments.of("file", "file:///etc/passwd"),
                Arguments.of("ftp", "ftp://example.com/file"),
                Arguments.of("mailto", "mailto:someone@example.com"),
                Arguments.of("relative path", "/assets/images/logo.png"),
                Arguments.of("relative file", "article.html"),
                Arguments.of("scheme-relative", "//evil.example/x"),
                Arguments.of("http without slashes", "http:example.com"),
                Arguments.of("http with one slash", "https:/example.com"),
                Arguments.of("backslashes", "https:\\\\example.com\\x"),
                Arguments.of("no host", "https://"),
                Arguments.of("empty host", "http:///path"),
                Arguments.of("port only", "https://:443/"),
                Arguments.of("bad port", "https://example.com:port/"),
                Arguments.of("space in host", "https://exa mple.com/"),
                Arguments.of("broken escape", "https://example.com/%zz"),
                Arguments.of("unclosed IPv6", "https://[::1/x"),
                Arguments.of("angle brackets", "https://example.com/<script>"),
                Arguments.of("quote out of an attribute", "https://example.com/a\"onmouseover=\"alert(1)"),
                Arguments.of("user name before the host", "https://user@example.com/x"),
                Arguments.of("user name and password", "https://user:secret@example.com/x"),
                Arguments.of("a trusted name hiding the host", "https://www.nytimes.com@evil.example/x"),
                Arguments.of("an international host behind a user name", "https://user@bücher.de/x"),
                Arguments.of("empty", ""),
                Arguments.of("too long", "https://example.com/" + "a".repeat(SafeLink.MAX_LENGTH)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void shouldRefuseEverythingElse(String why, String url) {
        assertThat(SafeLink.isLink(url)).isFalse();
        assertThat(SafeLink.orNull(url)).isNull();
        assertThat(SafeLink.of(url)).isEmpty();
    }

    @Test
    void shouldRefuseNull() {
        assertThat(SafeLink.isLink(null)).isFalse();
    }

    @Test
    void shouldKeepEveryAbsoluteUrlOfTheSamples() throws IOException {
        Pattern url = Pattern.compile("(?m)^\\s*-?\\s*(?:webUrl|originalUrl|ampWebUrl|cdnAmpWebUrl|url):\\s*['\"]?(https?://[^'\"\\s]+)");
        int seen = 0;
        try (Stream<Path> files = Files.walk(Path.of("../samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Matcher m = url.matcher(Files.readString(file));
                while (m.find()) {
                    seen++;
                    assertThat(SafeLink.isLink(m.group(1))).as("%s in %s", m.group(1), file).isTrue();
                }
            }
        }
        assertThat(seen).isPositive();
    }
}
