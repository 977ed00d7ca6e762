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
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the seed format: a front-matter block between two lines that are exactly {@code ---}, holding
 * YAML, followed by an optional Markdown body.
 *
 * <p>The YAML is composed into SnakeYAML's node graph (safe: no tag ever instantiates a class, and
 * only YAML's standard tags are accepted), then walked by hand so that every value gets its type
 * checked and every problem names its line, column and field. Malformed input (not UTF-8, no front
 * matter, YAML that does not parse, duplicate keys, over a limit) throws {@link SeedFormatException};
 * type problems in an otherwise readable file are collected in {@link ParsedArticle#problems()}.
 *
 * <p>Thread-safe and cheap to share.
 */
public final class SeedFormatReader {

    private static final String DELIMITER = "---";
    private static final Set<Tag> STANDARD_SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP);
    private static final Resolver RESOLVER = new Resolver();

    private final SeedFormatLimits limits;

    public SeedFormatReader() {
        this(SeedFormatLimits.DEFAULT);
    }

    public SeedFormatReader(SeedFormatLimits limits) {
        this.limits = limits;
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
        decoder.flush(out);
        out.flip();
        return out.toString();
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
        String firstLine = firstEnd < 0 ? text : text.substring(0, firstEnd);
        if (!firstLine.stripTrailing().equals(DELIMITER)) {
            throw new SeedFormatException(new FieldProblem(file, 1, 1, null,
                    text.isBlank() ? "file is empty" : "file does not start with a front-matter line '---'"));
        }
        int line = 2;
        int start = firstEnd + 1;
        int pos = start;
        while (firstEnd >= 0 && pos <= text.length()) {
            int end = text.indexOf('\n', pos);
            String current = end < 0 ? text.substring(pos) : text.substring(pos, end);
            if (current.stripTrailing().equals(DELIMITER)) {
                String body = end < 0 ? "" : text.substring(end + 1);
                return new FrontMatter(text.substring(start, pos), 2, body);
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
            line++;
        }
        throw new SeedFormatException(new FieldProblem(file, 1, 1, null,
                "front matter opened on line 1 is never closed by a line '---'"));
    }

    private Node compose(String file, FrontMatter frontMatter) {
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
            throw new SeedFormatException(problemAt(file, mark, frontMatter.firstLine(), null, yamlMessage(e)));
        } catch (YAMLException e) {
            // Limits (aliases, nesting) are reported without a mark: the parser's position is where it stopped.
            Mark mark = null;
            try {
                mark = parser.peekEvent().getStartMark();
            } catch (RuntimeException ignored) {
                // the stream is broken beyond that point; report the start of the front matter
            }
            throw new SeedFormatException(problemAt(file, mark, frontMatter.firstLine(), null,
                    "YAML refused: " + e.getMessage()));
        }
    }

    private static String yamlMessage(MarkedYAMLException e) {
        StringBuilder message = new StringBuilder("YAML syntax error: ");
        if (e.getContext() != null) {
            message.append(e.getContext()).append(", ");
        }
        message.append(e.getProblem() == null ? "unreadable YAML" : e.getProblem());
        return message.toString().replaceAll("\\s+", " ").strip();
    }

    private static FieldProblem problemAt(String file, Mark mark, int firstLine, String field, String message) {
        if (mark == null) {
            return new FieldProblem(file, firstLine, 1, field, message);
        }
        return new FieldProblem(file, mark.getLine() + firstLine, mark.getColumn() + 1, field, message);
    }

    // ---------------------------------------------------------------- the walk over the node graph

    /** One walk over one document: collects positions and problems as it builds the records. */
    private static final class Walk {
        private final String file;
        private final int firstLine;
        private final Map<String, SourcePosition> positions = new HashMap<>();
        private final List<FieldProblem> problems = new ArrayList<>();

        Walk(String file, int firstLine) {
            this.file = file;
            this.firstLine = firstLine;
        }

        ParsedArticle article(Node root, String body) {
            positions.put("", position(root));
            if (!hasStandardTag(root)) {
                throw new SeedFormatException(problem(root, null, "YAML tag '" + root.getTag().getValue()
                        + "' is not allowed"));
            }
            if (!(root instanceof MappingNode mapping)) {
                problems.add(problem(root, null, "front matter must be a mapping of keys to values, found "
                        + describe(root)));
                return new ParsedArticle(file, Article.builder().body(body).build(), positions, problems);
            }
            Map<String, Node> fields = fields(mapping, "");
            Article.Builder a = Article.builder().body(body);
            Map<String, Object> extra = new LinkedHashMap<>();
            for (Map.Entry<String, Node> field : fields.entrySet()) {
                String key = field.getKey();
                Node value = field.getValue();
                switch (key) {
                    case "category" -> a.category(string(value, key));
                    case "title" -> a.title(string(value, key));
                    case "excerpt" -> a.excerpt(string(value, key));
                    case "publishedDateTime" -> a.publishedDateTime(instant(value, key));
                    case "originalUrl" -> a.originalUrl(string(value, key));
                    case "webUrl" -> a.webUrl(string(value, key));
                    case "ampWebUrl" -> a.ampWebUrl(string(value, key));
                    case "cdnAmpWebUrl" -> a.cdnAmpWebUrl(string(value, key));
                    case "type" -> a.type(string(value, key));
                    case "quality" -> a.quality(integer(value, key));
                    case "heat" -> a.heat(integer(value, key));
                    case "published" -> a.published(bool(value, key));
                    case "featuredContent" -> a.featuredContent(string(value, key));
                    case "provider" -> a.provider(provider(value, key));
                    case "topics" -> a.topics(strings(value, key));
                    case "images" -> a.images(images(value, key));
                    case "related" -> a.related(related(value, key));
                    case "secured" -> a.secured(string(value, key));
                    default -> extra.put(key, plain(value, key));
                }
            }
            a.extra(extra);
            return new ParsedArticle(file, a.build(), positions, problems);
        }

        private Provider provider(Node node, String path) {
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
            Map<String, Object> extra = new LinkedHashMap<>();
            for (Map.Entry<String, Node> field : fields(mapping, path).entrySet()) {
                String key = path + "." + field.getKey();
                switch (field.getKey()) {
                    case "name" -> name = string(field.getValue(), key);
                    case "domain" -> domain = string(field.getValue(), key);
                    case "images" -> images = images(field.getValue(), key);
                    default -> extra.put(field.getKey(), plain(field.getValue(), key));
                }
            }
            return new Provider(name, domain, images, extra);
        }

        private List<Image> images(Node node, String path) {
            List<Image> images = new ArrayList<>();
            for (Map.Entry<String, Node> item : items(node, path).entrySet()) {
                String itemPath = item.getKey();
                if (!(item.getValue() instanceof MappingNode mapping)) {
                    problems.add(problem(item.getValue(), itemPath,
                            "an image must be a mapping with url, width and height, found " + describe(item.getValue())));
                    continue;
                }
                String url = null;
                Integer width = null;
                Integer height = null;
                String title = null;
                Boolean cached = null;
                Map<String, Object> extra = new LinkedHashMap<>();
                for (Map.Entry<String, Node> field : fields(mapping, itemPath).entrySet()) {
                    String key = itemPath + "." + field.getKey();
                    switch (field.getKey()) {
                        case "url" -> url = string(field.getValue(), key);
                        case "width" -> width = integer(field.getValue(), key);
                        case "height" -> height = integer(field.getValue(), key);
                        case "title" -> title = string(field.getValue(), key);
                        case "isCached" -> cached = bool(field.getValue(), key);
                        default -> extra.put(field.getKey(), plain(field.getValue(), key));
                    }
                }
                images.add(new Image(url, width, height, title, cached, extra));
            }
            return images;
        }

        private List<RelatedArticle> related(Node node, String path) {
            List<RelatedArticle> related = new ArrayList<>();
            for (Map.Entry<String, Node> item : items(node, path).entrySet()) {
                String itemPath = item.getKey();
                if (!(item.getValue() instanceof MappingNode mapping)) {
                    problems.add(problem(item.getValue(), itemPath,
                            "a related entry must be a mapping with title and webUrl, found " + describe(item.getValue())));
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
                Map<String, Object> extra = new LinkedHashMap<>();
                for (Map.Entry<String, Node> field : fields(mapping, itemPath).entrySet()) {
                    String key = itemPath + "." + field.getKey();
                    Node value = field.getValue();
                    switch (field.getKey()) {
                        case "title" -> title = string(value, key);
                        case "excerpt" -> excerpt = string(value, key);
                        case "publishedDateTime" -> published = instant(value, key);
                        case "originalUrl" -> originalUrl = string(value, key);
                        case "webUrl" -> webUrl = string(value, key);
                        case "ampWebUrl" -> ampWebUrl = string(value, key);
                        case "cdnAmpWebUrl" -> cdnAmpWebUrl = string(value, key);
                        case "type" -> type = string(value, key);
                        case "provider" -> provider = provider(value, key);
                        case "quality" -> quality = integer(value, key);
                        case "images" -> images = images(value, key);
                        default -> extra.put(field.getKey(), plain(value, key));
                    }
                }
                related.add(new RelatedArticle(title, excerpt, published, originalUrl, webUrl, ampWebUrl,
                        cdnAmpWebUrl, type, provider, quality, images, extra));
            }
            return related;
        }

        private List<String> strings(Node node, String path) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, Node> item : items(node, path).entrySet()) {
                String value = string(item.getValue(), item.getKey());
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }

        // ------------------------------------------------------------ structure

        /** The keys of a mapping in file order, each value's position recorded, duplicates refused. */
        private Map<String, Node> fields(MappingNode mapping, String path) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    throw new SeedFormatException(problem(keyNode, path, "YAML merge keys ('<<') are not allowed"));
                }
                if (!(keyNode instanceof ScalarNode keyScalar) || !STANDARD_SCALAR_TAGS.contains(keyNode.getTag())) {
                    throw new SeedFormatException(problem(keyNode, path, "keys must be plain names, found "
                            + describe(keyNode)));
                }
                String key = keyScalar.getValue();
                String fieldPath = path.isEmpty() ? key : path + "." + key;
                if (!seen.add(key)) {
                    SourcePosition first = positions.get(fieldPath);
                    throw new SeedFormatException(problem(keyNode, fieldPath, "duplicate key '" + key
                            + "' (first on line " + (first == null ? "?" : first.line()) + ")"));
                }
                checkTags(tuple.getValueNode(), fieldPath);
                positions.put(fieldPath, position(tuple.getValueNode()));
                fields.put(key, tuple.getValueNode());
            }
            return fields;
        }

        /** The items of a sequence, keyed by their path ({@code images[0]}); null means an empty list. */
        private Map<String, Node> items(Node node, String path) {
            Map<String, Node> items = new LinkedHashMap<>();
            if (isNull(node)) {
                return items;
            }
            if (!(node instanceof SequenceNode sequence)) {
                problems.add(problem(node, path, "must be a list, found " + describe(node)));
                return items;
            }
            List<Node> children = sequence.getValue();
            for (int i = 0; i < children.size(); i++) {
                String itemPath = path + "[" + i + "]";
                positions.put(itemPath, position(children.get(i)));
                items.put(itemPath, children.get(i));
            }
            return items;
        }

        /** Only YAML's own standard tags: a local or global tag never gets near a constructor. */
        private void checkTags(Node node, String path) {
            if (!hasStandardTag(node)) {
                throw new SeedFormatException(problem(node, path, "YAML tag '" + node.getTag().getValue()
                        + "' is not allowed"));
            }
            if (node instanceof SequenceNode sequence) {
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    checkTags(sequence.getValue().get(i), path + "[" + i + "]");
                }
            }
        }

        // ------------------------------------------------------------ scalars

        private String string(Node node, String path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            problems.add(problem(node, path, "must be text, found " + describe(node)));
            return null;
        }

        private Integer integer(Node node, String path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
                try {
                    BigInteger value = parseYamlInt(scalar.getValue());
                    if (value.bitLength() < 32) {
                        return value.intValue();
                    }
                    problems.add(problem(node, path, "must be an integer between " + Integer.MIN_VALUE + " and "
                            + Integer.MAX_VALUE + ", found " + scalar.getValue()));
                    return null;
                } catch (NumberFormatException e) {
                    // falls through to the generic message
                }
            }
            problems.add(problem(node, path, "must be an integer, found " + describe(node)));
            return null;
        }

        private Boolean bool(Node node, String path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
                return parseYamlBool(scalar.getValue());
            }
            problems.add(problem(node, path, "must be true or false, found " + describe(node)));
            return null;
        }

        private Instant instant(Node node, String path) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                try {
                    return OffsetDateTime.parse(scalar.getValue().strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
                } catch (DateTimeParseException e) {
                    problems.add(problem(node, path, "must be an ISO-8601 date-time with Z or an offset, such as "
                            + "2020-01-12T22:17:00Z; found '" + abbreviate(scalar.getValue()) + "'"));
                    return null;
                }
            }
            problems.add(problem(node, path, "must be an ISO-8601 date-time, found " + describe(node)));
            return null;
        }

        /** A value under a key the format does not name, kept as plain data (text, numbers, booleans, lists, maps). */
        private Object plain(Node node, String path) {
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
                        return parseYamlFloat(v);
                    } catch (NumberFormatException e) {
                        return v;
                    }
                }
                return v;
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    String itemPath = path + "[" + i + "]";
                    positions.put(itemPath, position(sequence.getValue().get(i)));
                    list.add(plain(sequence.getValue().get(i), itemPath));
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, Node> field : fields((MappingNode) node, path).entrySet()) {
                map.put(field.getKey(), plain(field.getValue(), path + "." + field.getKey()));
            }
            return map;
        }

        // ------------------------------------------------------------ positions and messages

        private SourcePosition position(Node node) {
            Mark mark = node.getStartMark();
            return mark == null ? new SourcePosition(firstLine, 1)
                    : new SourcePosition(mark.getLine() + firstLine, mark.getColumn() + 1);
        }

        private FieldProblem problem(Node node, String path, String message) {
            SourcePosition p = position(node);
            return new FieldProblem(file, p.line(), p.column(), path == null || path.isEmpty() ? null : path, message);
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
