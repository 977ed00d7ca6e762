package dev.newsroom.model.seed;

import dev.newsroom.model.Article;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the seed format: a front-matter block between two lines that are exactly {@code ---}, holding
 * YAML, followed by an optional Markdown body.
 *
 * <p>The YAML is composed into SnakeYAML's node graph (safe: no tag ever instantiates a class, and
 * only YAML's standard tags are accepted; the seed format's plain block layout takes a measured fast
 * path, {@link FastComposer}, that builds the identical graph), then walked by hand so that every value gets its type
 * checked and every problem names its line, column and field. Malformed input (not UTF-8, no front
 * matter, YAML that does not parse, duplicate keys, over a limit) throws {@link SeedFormatException};
 * type problems in an otherwise readable file are collected in {@link ParsedArticle#problems()}.
 *
 * <p>Thread-safe and cheap to share.
 */
public final class SeedFormatReader {

    /**
     * The earliest and latest instants a date-time may name: the years 0001 to 9999 in UTC, the four-digit years of
     * RFC 3339 (and so of Atom and JSON Feed). The store refuses a year 0 or one of five digits, and ranking
     * computes with an instant's seconds: a date beyond them would pass the door and fail downstream.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final String DELIMITER = "---";
    private static final Set<Tag> STANDARD_SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP);
    private static final Resolver RESOLVER = new Resolver();

    private final SeedFormatLimits limits;
    private final boolean fastPath;

    public SeedFormatReader() {
        this(SeedFormatLimits.DEFAULT);
    }

    public SeedFormatReader(SeedFormatLimits limits) {
        this(limits, true);
    }

    /** {@code fastPath = false} composes every document with SnakeYAML alone (the reference, for tests). */
    SeedFormatReader(SeedFormatLimits limits, boolean fastPath) {
        this.limits = limits;
        this.fastPath = fastPath;
    }

    /** Reads a file as bytes, refusing anything that is not valid UTF-8 (with the offset of the first bad byte). */
    public ParsedArticle read(String file, byte[] bytes) {
        return read(file, decodeUtf8(file, bytes));
    }

    public ParsedArticle read(String file, String text) {
        String normalized = normalizeLineBreaks(text);
        FrontMatter frontMatter = split(file, normalized);
        if (frontMatter.yaml().length() > limits.maxFrontMatterChars()) {
            throw new SeedFormatTooLargeException(new FieldProblem(file, 2, 1, null,
                    "front matter is " + frontMatter.yaml().length() + " characters long; the limit is "
                            + limits.maxFrontMatterChars()));
        }
        Node root = compose(file, frontMatter);
        if (root == null) {
            throw new SeedFormatException(new FieldProblem(file, 2, 1, null, "front matter is empty"));
        }
        return new Walk(file, frontMatter.firstLine()).article(root, frontMatter.body());
    }

    // ---------------------------------------------------------------- bytes and lines

    static String decodeUtf8(String file, byte[] bytes) {
        // The JDK's decoder is fastest, but replaces bad bytes with U+FFFD; only then do we look closer.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new SeedFormatException(new FieldProblem(file, line, offset - lineStart + 1, null,
                    String.format("invalid UTF-8 at byte offset %d (byte 0x%02X)", offset, bytes[offset] & 0xFF)));
        }
        return text; // a genuine U+FFFD in valid UTF-8
    }

    /** CRLF and lone CR become LF, and a leading byte-order mark goes: line numbers are unchanged. */
    static String normalizeLineBreaks(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.indexOf('\r') < 0) {
            return t;
        }
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    private record FrontMatter(String yaml, int firstLine, String body) {
    }

    private static FrontMatter split(String file, String text) {
        int firstEnd = text.indexOf('\n');
        if (!isDelimiterLine(text, 0, firstEnd < 0 ? text.length() : firstEnd)) {
            throw new SeedFormatException(new FieldProblem(file, 1, 1, null,
                    text.isBlank() ? "file is empty" : "file does not start with a front-matter line '---'"));
        }
        if (firstEnd >= 0) {
            int start = firstEnd + 1;
            int pos = start;
            while (pos <= text.length()) {
                int end = text.indexOf('\n', pos);
                int lineEnd = end < 0 ? text.length() : end;
                if (isDelimiterLine(text, pos, lineEnd)) {
                    String body = end < 0 ? "" : text.substring(end + 1);
                    return new FrontMatter(text.substring(start, pos), 2, body);
                }
                if (end < 0) {
                    break;
                }
                pos = end + 1;
            }
        }
        throw new SeedFormatException(new FieldProblem(file, 1, 1, null,
                "front matter opened on line 1 is never closed by a line '---'"));
    }

    /** A line that is exactly {@code ---}, trailing whitespace allowed. */
    private static boolean isDelimiterLine(String text, int from, int to) {
        if (to - from < 3 || !text.startsWith(DELIMITER, from)) {
            return false;
        }
        for (int i = from + 3; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private Node compose(String file, FrontMatter frontMatter) {
        if (fastPath) {
            Node fast = FastComposer.compose(frontMatter.yaml(), limits.maxNestingDepth());
            if (fast != null) {
                return fast;
            }
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliasesForCollections());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit(limits.maxFrontMatterChars());
        options.setProcessComments(false);
        ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(frontMatter.yaml())), options);
        try {
            return new Composer(parser, RESOLVER, options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new SeedFormatException(problemAt(file, mark, frontMatter, yamlMessage(e)));
        } catch (ReaderException e) {
            throw new SeedFormatException(unacceptableCharacter(file, frontMatter));
        } catch (YAMLException e) {
            // Limits (aliases, nesting) are reported without a mark: the parser's position is where it stopped.
            Mark mark = null;
            try {
                mark = parser.peekEvent().getStartMark();
            } catch (RuntimeException ignored) {
                // the stream is broken beyond that point; report the start of the front matter
            }
            throw new SeedFormatException(problemAt(file, mark, frontMatter, "YAML refused: " + e.getMessage()));
        }
    }

    /**
     * A character YAML does not allow raw (a control character such as NUL, U+FFFE, U+FFFF, a lone
     * surrogate): refused as malformed, like any YAML error, with its line, column and the top-level key
     * it is under. Escaped in a double-quoted string ({@code "\x00"}) it is readable YAML; such characters
     * are then dropped from the article like those of the body ({@code StorableText}).
     */
    private static FieldProblem unacceptableCharacter(String file, FrontMatter frontMatter) {
        String yaml = frontMatter.yaml();
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < yaml.length(); ) {
            int c = yaml.codePointAt(i);
            if (!isYamlPrintable(c)) {
                String field = topLevelKeyAt(yaml, line);
                return new FieldProblem(file, line + frontMatter.firstLine(), i - lineStart + 1, field,
                        String.format("the character U+%04X is not allowed in YAML; write it escaped in a double-quoted "
                                + "string (%s) or leave it out", c, c <= 0xFF ? String.format("\\x%02X", c)
                                : String.format("\\u%04X", c)));
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            i += Character.charCount(c);
        }
        return new FieldProblem(file, frontMatter.firstLine(), 1, null, "YAML refused a character it cannot read");
    }

    /** The characters YAML 1.1 allows in a stream, as SnakeYAML's reader checks them. */
    private static boolean isYamlPrintable(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /**
     * The top-level key whose value holds the given (0-based) line of the front matter, or {@code null}
     * before the first key: the field a problem without a node of its own (a YAML limit, a bad character)
     * is about.
     */
    static String topLevelKeyAt(String yaml, int line) {
        String key = null;
        int start = 0;
        for (int l = 0; l <= line && start <= yaml.length(); l++) {
            int end = yaml.indexOf('\n', start);
            int lineEnd = end < 0 ? yaml.length() : end;
            int i = start;
            while (i < lineEnd && isKeyChar(yaml.charAt(i))) {
                i++;
            }
            if (i > start && i < lineEnd && yaml.charAt(i) == ':') {
                key = yaml.substring(start, i);
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return key;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static String yamlMessage(MarkedYAMLException e) {
        StringBuilder message = new StringBuilder("YAML syntax error: ");
        if (e.getContext() != null) {
            message.append(e.getContext()).append(", ");
        }
        message.append(e.getProblem() == null ? "unreadable YAML" : e.getProblem());
        return message.toString().replaceAll("\\s+", " ").strip();
    }

    /** A YAML error at {@code mark} (null: unknown), naming the top-level key it is under. */
    private static FieldProblem problemAt(String file, Mark mark, FrontMatter frontMatter, String message) {
        if (mark == null) {
            return new FieldProblem(file, frontMatter.firstLine(), 1, null, message);
        }
        return new FieldProblem(file, mark.getLine() + frontMatter.firstLine(), mark.getColumn() + 1,
                topLevelKeyAt(frontMatter.yaml(), mark.getLine()), message);
    }

    // ---------------------------------------------------------------- the walk over the node graph

    /**
     * A field's path, rendered ({@code related[1].provider.domain}) only when a problem names it: the happy
     * path builds no strings.
     */
    private record FieldPath(FieldPath parent, String key, int index) {
        static final FieldPath ROOT = new FieldPath(null, null, -1);

        FieldPath field(String name) {
            return new FieldPath(this, name, -1);
        }

        FieldPath item(int i) {
            return new FieldPath(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            String head = parent.toString();
            if (key == null) {
                return head + "[" + index + "]";
            }
            return head.isEmpty() ? key : head + "." + key;
        }
    }

    private record Field(String key, Node value, FieldPath path) {
    }

    /** One walk over one document: builds the records and collects type problems, each with its position. */
    private static final class Walk {
        private final String file;
        private final int firstLine;
        private final List<FieldProblem> problems = new ArrayList<>();

        Walk(String file, int firstLine) {
            this.file = file;
            this.firstLine = firstLine;
        }

        ParsedArticle article(Node root, String body) {
            Map<String, SourcePosition> positions = new PositionIndex(root, firstLine);
            if (!hasStandardTag(root)) {
                throw new SeedFormatException(problem(root, FieldPath.ROOT, "YAML tag '" + root.getTag().getValue()
                        + "' is not allowed"));
            }
            if (!(root instanceof MappingNode mapping)) {
                problems.add(problem(root, FieldPath.ROOT, "front matter must be a mapping of keys to values, found "
                        + describe(root)));
                return new ParsedArticle(file, Article.builder().body(body).build(), positions, problems);
            }
            Article.Builder a = Article.builder().body(body);
            Map<String, Object> extra = null;
            for (Field field : fields(mapping, FieldPath.ROOT)) {
                Node value = field.value();
                FieldPath path = field.path();
                switch (field.key()) {
                    case "category" -> a.category(string(value, path));
                    case "title" -> a.title(string(value, path));
                    case "excerpt" -> a.excerpt(string(value, path));
                    case "publishedDateTime" -> a.publishedDateTime(instant(value, path));
                    case "originalUrl" -> a.originalUrl(string(value, path));
                    case "webUrl" -> a.webUrl(string(value, path));
                    case "ampWebUrl" -> a.ampWebUrl(string(value, path));
                    case "cdnAmpWebUrl" -> a.cdnAmpWebUrl(string(value, path));
                    case "type" -> a.type(string(value, path));
                    case "quality" -> a.quality(integer(value, path));
                    case "heat" -> a.heat(integer(value, path));
                    case "published" -> a.published(bool(value, path));
                    case "featuredContent" -> a.featuredContent(string(value, path));
                    case "provider" -> a.provider(provider(value, path));
                    case "topics" -> a.topics(strings(value, path));
                    case "images" -> a.images(images(value, path));
                    case "related" -> a.related(related(value, path));
                    case "secured" -> a.secured(string(value, path));
                    default -> {
                        if (extra == null) {
                            extra = new LinkedHashMap<>();
                        }
                        extra.put(field.key(), plain(value, path));
                    }
                }
            }
            a.extra(extra);
            return new ParsedArticle(file, a.build(), positions, problems);
        }

        private Provider provider(Node node, FieldPath path) {
            if (isNull(node)) {
                return null;
            }
            if (!(node instanceof MappingNode mapping)) {
                problems.add(problem(node, path, "must be a mapping with name and domain, found " + describe(node)));
                return null;
            }
            String name = null;
            String domain = null;
            List<Image> images = List.of();
            Map<String, Object> extra = null;
            for (Field field : fields(mapping, path)) {
                switch (field.key()) {
                    case "name" -> name = string(field.value(), field.path());
                    case "domain" -> domain = string(field.value(), field.path());
                    case "images" -> images = images(field.value(), field.path());
                    default -> extra = put(extra, field.key(), plain(field.value(), field.path()));
                }
            }
            return new Provider(name, domain, images, extra);
        }

        private List<Image> images(Node node, FieldPath path) {
            List<Node> items = items(node, path);
            List<Image> images = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                FieldPath itemPath = path.item(i);
                if (!(items.get(i) instanceof MappingNode mapping)) {
                    problems.add(problem(items.get(i), itemPath,
                            "an image must be a mapping with url, width and height, found " + describe(items.get(i))));
                    continue;
                }
                String url = null;
                Integer width = null;
                Integer height = null;
                String title = null;
                Boolean cached = null;
                Map<String, Object> extra = null;
                for (Field field : fields(mapping, itemPath)) {
                    switch (field.key()) {
                        case "url" -> url = string(field.value(), field.path());
                        case "width" -> width = integer(field.value(), field.path());
                        case "height" -> height = integer(field.value(), field.path());
                        case "title" -> title = string(field.value(), field.path());
                        case "isCached" -> cached = bool(field.value(), field.path());
                        default -> extra = put(extra, field.key(), plain(field.value(), field.path()));
                    }
                }
                images.add(new Image(url, width, height, title, cached, extra));
            }
            return images;
        }

        private List<RelatedArticle> related(Node node, FieldPath path) {
            List<Node> items = items(node, path);
            List<RelatedArticle> related = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                FieldPath itemPath = path.item(i);
                if (!(items.get(i) instanceof MappingNode mapping)) {
                    problems.add(problem(items.get(i), itemPath,
                            "a related entry must be a mapping with title and webUrl, found " + describe(items.get(i))));
                    continue;
                }
                String title = null;
                String excerpt = null;
                Instant published = null;
                String originalUrl = null;
                String webUrl = null;
                String ampWebUrl = null;
                String cdnAmpWebUrl = null;
                String type = null;
                Provider provider = null;
                Integer quality = null;
                List<Image> images = List.of();
                Map<String, Object> extra = null;
                for (Field field : fields(mapping, itemPath)) {
                    Node value = field.value();
                    FieldPath p = field.path();
                    switch (field.key()) {
                        case "title" -> title = string(value, p);
                        case "excerpt" -> excerpt = string(value, p);
                        case "publishedDateTime" -> published = instant(value, p);
                        case "originalUrl" -> originalUrl = string(value, p);
                        case "webUrl" -> webUrl = string(value, p);
                        case "ampWebUrl" -> ampWebUrl = string(value, p);
                        case "cdnAmpWebUrl" -> cdnAmpWebUrl = string(value, p);
                        case "type" -> type = string(value, p);
                        case "provider" -> provider = provider(value, p);
                        case "quality" -> quality = integer(value, p);
                        case "images" -> images = images(value, p);
                        default -> extra = put(extra, field.key(), plain(value, p));
                    }
                }
                related.add(new RelatedArticle(title, excerpt, published, originalUrl, webUrl, ampWebUrl,
                        cdnAmpWebUrl, type, provider, quality, images, extra));
            }
            return related;
        }

        private List<String> strings(Node node, FieldPath path) {
            List<Node> items = items(node, path);
            List<String> values = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String value = string(items.get(i), path.item(i));
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }

        private static Map<String, Object> put(Map<String, Object> map, String key, Object value) {
            Map<String, Object> m = map == null ? new LinkedHashMap<>() : map;
            m.put(key, value);
            return m;
        }

        // ------------------------------------------------------------ structure

        /** The keys of a mapping in file order, tags checked, duplicates refused. */
        private List<Field> fields(MappingNode mapping, FieldPath path) {
            List<NodeTuple> tuples = mapping.getValue();
            List<Field> fields = new ArrayList<>(tuples.size());
            for (NodeTuple tuple : tuples) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    throw new SeedFormatException(problem(keyNode, path, "YAML merge keys ('<<') are not allowed"));
                }
                if (!(keyNode instanceof ScalarNode keyScalar) || !STANDARD_SCALAR_TAGS.contains(keyNode.getTag())) {
                    throw new SeedFormatException(problem(keyNode, path, "keys must be plain names, found "
                            + describe(keyNode)));
                }
                String key = keyScalar.getValue();
                FieldPath fieldPath = path.field(key);
                for (Field earlier : fields) {
                    if (earlier.key().equals(key)) {
                        throw new SeedFormatException(problem(keyNode, fieldPath, "duplicate key '" + key
                                + "' (first on line " + position(earlier.value()).line() + ")"));
                    }
                }
                checkTags(tuple.getValueNode(), fieldPath);
                fields.add(new Field(key, tuple.getValueNode(), fieldPath));
            }
            return fields;
        }

        /** The items of a sequence; null means an empty list. */
        private List<Node> items(Node node, FieldPath path) {
            if (isNull(node)) {
                return List.of();
            }
            if (!(node instanceof SequenceNode sequence)) {
                problems.add(problem(node, path, "must be a list, found " + describe(node)));
                return List.of();
            }
            return sequence.getValue();
        }

        /** Only YAML's own standard tags: a local or global tag never gets near a constructor. */
        private void checkTags(Node node, FieldPath path) {
            if (!hasStandardTag(node)) {
                throw new SeedFormatException(problem(node, path, "YAML tag '" + node.getTag().getValue()
                        + "' is not allowed"));
            }
            if (node instanceof SequenceNode sequence) {
                List<Node> children = sequence.getValue();
                for (int i = 0; i < children.size(); i++) {
                    checkTags(children.get(i), path.item(i));
                }
            }
        }

        // ------------------------------------------------------------ scalars

        private String string(Node node, FieldPath path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            problems.add(problem(node, path, "must be text, found " + describe(node)));
            return null;
        }

        private Integer integer(Node node, FieldPath path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
                String text = scalar.getValue();
                if (text.length() <= 9 && isDecimalDigits(text)) {
                    return Integer.parseInt(text);
                }
                try {
                    BigInteger value = parseYamlInt(text);
                    if (value.bitLength() < 32) {
                        return value.intValue();
                    }
                    problems.add(problem(node, path, "must be an integer between " + Integer.MIN_VALUE + " and "
                            + Integer.MAX_VALUE + ", found " + text));
                    return null;
                } catch (NumberFormatException e) {
                    // falls through to the generic message
                }
            }
            problems.add(problem(node, path, "must be an integer, found " + describe(node)));
            return null;
        }

        private Boolean bool(Node node, FieldPath path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
                return parseYamlBool(scalar.getValue());
            }
            problems.add(problem(node, path, "must be true or false, found " + describe(node)));
            return null;
        }

        private Instant instant(Node node, FieldPath path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                String text = scalar.getValue().strip();
                Instant instant = parseUtcSeconds(text);
                if (instant == null) {
                    try {
                        instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                    } catch (DateTimeParseException e) {
                        problems.add(problem(node, path, "must be an ISO-8601 date-time with Z or an offset, such as "
                                + "2020-01-12T22:17:00Z; found '" + abbreviate(scalar.getValue()) + "'"));
                        return null;
                    }
                }
                if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                    problems.add(problem(node, path, "must lie in the years 0001 to 9999 (UTC), from " + EARLIEST
                            + " to " + LATEST + "; found '" + abbreviate(scalar.getValue()) + "'"));
                    return null;
                }
                return instant;
            }
            problems.add(problem(node, path, "must be an ISO-8601 date-time, found " + describe(node)));
            return null;
        }

        /** A value under a key the format does not name, kept as plain data (text, numbers, booleans, lists, maps). */
        private Object plain(Node node, FieldPath path) {
            if (node instanceof ScalarNode scalar) {
                Tag tag = scalar.getTag();
                String v = scalar.getValue();
                if (tag.equals(Tag.NULL)) {
                    return null;
                }
                if (tag.equals(Tag.BOOL)) {
                    return parseYamlBool(v);
                }
                if (tag.equals(Tag.INT)) {
                    try {
                        return narrow(parseYamlInt(v));
                    } catch (NumberFormatException e) {
                        return v;
                    }
                }
                if (tag.equals(Tag.FLOAT)) {
                    try {
                        double value = parseYamlFloat(v);
                        // JSON has no NaN or infinity (Jackson writes them as text): kept as their text from the
                        // start, they are the same value after YAML → JSON → YAML, and so is the content hash
                        return Double.isFinite(value) ? value : v;
                    } catch (NumberFormatException e) {
                        return v;
                    }
                }
                return v;
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    list.add(plain(sequence.getValue().get(i), path.item(i)));
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : fields((MappingNode) node, path)) {
                map.put(field.key(), plain(field.value(), field.path()));
            }
            return map;
        }

        // ------------------------------------------------------------ positions and messages

        private SourcePosition position(Node node) {
            return positionOf(node, firstLine);
        }

        private FieldProblem problem(Node node, FieldPath path, String message) {
            SourcePosition p = position(node);
            String field = path == null || path.parent() == null ? null : path.toString();
            return new FieldProblem(file, p.line(), p.column(), field, message);
        }
    }

    private static boolean hasStandardTag(Node node) {
        Tag tag = node.getTag();
        return switch (node.getNodeId()) {
            case scalar -> STANDARD_SCALAR_TAGS.contains(tag);
            case sequence -> tag.equals(Tag.SEQ);
            case mapping -> tag.equals(Tag.MAP);
            default -> false;
        };
    }

    static SourcePosition positionOf(Node node, int firstLine) {
        Mark mark = node.getStartMark();
        return mark == null ? new SourcePosition(firstLine, 1)
                : new SourcePosition(mark.getLine() + firstLine, mark.getColumn() + 1);
    }

    /** {@code 2020-01-12T22:17:00Z}, the shape nearly every file uses, without the general parser. */
    private static Instant parseUtcSeconds(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
            return null;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return null;
            }
        }
        int year = num(t, 0, 4);
        int month = num(t, 5, 7);
        int day = num(t, 8, 10);
        int hour = num(t, 11, 13);
        int minute = num(t, 14, 16);
        int second = num(t, 17, 19);
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 59) {
            return null; // let the general parser produce the message
        }
        return java.time.LocalDateTime.of(year, month, day, hour, minute, second).toInstant(java.time.ZoneOffset.UTC);
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static boolean isDecimalDigits(String s) {
        if (s.isEmpty() || (s.charAt(0) == '0' && s.length() > 1)) {
            return false; // a leading 0 is octal to YAML 1.1
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String value = "'" + abbreviate(scalar.getValue()) + "'";
        if (tag.equals(Tag.STR)) {
            return "the text " + value;
        }
        if (tag.equals(Tag.INT)) {
            return "the integer " + value;
        }
        if (tag.equals(Tag.FLOAT)) {
            return "the decimal number " + value;
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + value;
        }
        if (tag.equals(Tag.TIMESTAMP)) {
            return "the date " + value;
        }
        return value;
    }

    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    // YAML 1.1 scalar syntax, as SnakeYAML's resolver recognised it.

    static BigInteger parseYamlInt(String text) {
        String v = text.replace("_", "");
        int sign = 1;
        if (v.startsWith("-")) {
            sign = -1;
            v = v.substring(1);
        } else if (v.startsWith("+")) {
            v = v.substring(1);
        }
        BigInteger magnitude;
        if (v.equals("0")) {
            magnitude = BigInteger.ZERO;
        } else if (v.startsWith("0b")) {
            magnitude = new BigInteger(v.substring(2), 2);
        } else if (v.startsWith("0x")) {
            magnitude = new BigInteger(v.substring(2), 16);
        } else if (v.startsWith("0")) {
            magnitude = new BigInteger(v.substring(1), 8);
        } else if (v.contains(":")) {
            magnitude = BigInteger.ZERO;
            for (String part : v.split(":")) {
                magnitude = magnitude.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            magnitude = new BigInteger(v);
        }
        return sign < 0 ? magnitude.negate() : magnitude;
    }

    static Double parseYamlFloat(String text) {
        String v = text.replace("_", "").toLowerCase();
        return switch (v) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.valueOf(v);
        };
    }

    static Boolean parseYamlBool(String text) {
        return switch (text.toLowerCase()) {
            case "true", "yes", "on", "y" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    /** The same number types Jackson produces, so a value survives YAML → JSON → YAML unchanged. */
    static Number narrow(BigInteger value) {
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }
}
