package dev.newsroom.model.seed;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A fast path in front of SnakeYAML's composer for the YAML the seed format actually uses: block
 * mappings and sequences, one scalar per line (plain, single- or double-quoted), comments and blank
 * lines. It builds the same node graph SnakeYAML would (same tags as SnakeYAML's resolver gives (see {@link YamlScalars}),
 * same values, same positions), so everything after composition is shared.
 *
 * <p>Why it exists: parsing is on the hot path of every ingest, and SnakeYAML's general scanner costs
 * about twice what the format needs (see BENCHMARKS.md). SnakeYAML stays the reference: whenever the
 * text uses anything outside this subset (flow collections, anchors and aliases, tags, block scalars,
 * multi-line scalars, tabs, directives, characters YAML does not allow) or is not valid YAML, this class
 * declines ({@code null}) and SnakeYAML composes the document, with its own error messages.
 * The same goes for a document nested deeper than the reader's limit: this class declines, so SnakeYAML
 * refuses it exactly as it refuses any other (the limits are enforced once, on one path).
 * (Anchors and aliases always decline, and the front matter's length is checked before either path.)
 * {@code FastComposerTest} checks the two agree on every sample file and on thousands of mutants.
 */
final class FastComposer {

    private static final String SOURCE = "front matter";

    /** Thrown to give up on the fast path; carries no stack trace, it is control flow. */
    private static final class Decline extends RuntimeException {
        private static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private final int length;
    /** Collections deeper than this are left to SnakeYAML, whose nesting limit then refuses them. */
    private final int maxDepth;
    private int depth;
    /** Start of the current line, and its number (0-based, like SnakeYAML's marks). */
    private int lineStart;
    private int line;
    private int pos;

    private FastComposer(String yaml, int maxDepth) {
        this.s = yaml;
        this.length = yaml.length();
        this.maxDepth = maxDepth;
    }

    /** The document's root node, or {@code null} when SnakeYAML must compose this text. */
    static Node compose(String yaml) {
        return compose(yaml, Integer.MAX_VALUE);
    }

    /**
     * As {@link #compose(String)}, declining any document whose collections nest {@code maxDepth} deep or
     * more: SnakeYAML then applies its own nesting limit (declining a little early costs only speed).
     */
    static Node compose(String yaml, int maxDepth) {
        if (!isPlainPrintable(yaml)) {
            return null;
        }
        try {
            return new FastComposer(yaml, maxDepth).document();
        } catch (Decline d) {
            return null;
        }
    }

    private Node document() {
        skipEmptyLines();
        if (atEnd() || indentOfLine() != 0) {
            throw Decline.INSTANCE;
        }
        char first = s.charAt(pos);
        if (first == '-' || first == '%' || first == '.') {
            throw Decline.INSTANCE; // sequences at the root, directives, document markers
        }
        Node root = mapping(0);
        skipEmptyLines();
        if (!atEnd()) {
            throw Decline.INSTANCE;
        }
        return root;
    }

    // ------------------------------------------------------------------ block collections

    /** A block mapping whose first key starts at {@code pos}, in column {@code column}. */
    private MappingNode mapping(int column) {
        enterCollection();
        List<NodeTuple> tuples = new ArrayList<>();
        Mark start = mark(column);
        while (true) {
            Node key = key(column);
            Node value = valueAfterColon(column);
            tuples.add(new NodeTuple(key, value));
            skipEmptyLines();
            if (atEnd()) {
                break;
            }
            int indent = indentOfLine();
            if (indent < column) {
                break;
            }
            if (indent > column || s.charAt(pos) == '-') {
                throw Decline.INSTANCE;
            }
        }
        depth--;
        return new MappingNode(Tag.MAP, true, tuples, start, null, DumperOptions.FlowStyle.BLOCK);
    }

    /** A block sequence whose first dash is at {@code pos}, in column {@code column}. */
    private SequenceNode sequence(int column) {
        enterCollection();
        List<Node> items = new ArrayList<>();
        Mark start = mark(column);
        while (true) {
            // pos is at '-'
            int next = pos + 1;
            if (next >= length || s.charAt(next) != ' ') {
                throw Decline.INSTANCE; // a bare dash with a nested block, or "-x"
            }
            pos = next;
            skipSpaces();
            if (pos >= length || s.charAt(pos) == '\n' || s.charAt(pos) == '#') {
                throw Decline.INSTANCE;
            }
            int itemColumn = pos - lineStart;
            if (startsWithKey()) {
                items.add(mapping(itemColumn));
            } else {
                items.add(inlineScalar());
                endOfLine();
                requireNoContinuation(column);
            }
            skipEmptyLines();
            if (atEnd()) {
                break;
            }
            int indent = indentOfLine();
            if (indent < column) {
                break;
            }
            if (indent > column || s.charAt(pos) != '-') {
                throw Decline.INSTANCE;
            }
        }
        depth--;
        return new SequenceNode(Tag.SEQ, true, items, start, null, DumperOptions.FlowStyle.BLOCK);
    }

    private void enterCollection() {
        if (++depth >= maxDepth) {
            throw Decline.INSTANCE;
        }
    }

    /** A plain key made of name characters, followed by ':'. */
    private Node key(int column) {
        int start = pos;
        while (pos < length && isNameChar(s.charAt(pos))) {
            pos++;
        }
        if (pos == start || pos >= length || s.charAt(pos) != ':') {
            throw Decline.INSTANCE;
        }
        String name = s.substring(start, pos);
        Mark mark = new Mark(SOURCE, start, line, column, (int[]) null, 0);
        return new ScalarNode(YamlScalars.resolve(name), true, name, mark, mark,
                DumperOptions.ScalarStyle.PLAIN);
    }

    /** What follows "key:" — a scalar on the same line, a nested block on the next lines, or nothing (null). */
    private Node valueAfterColon(int keyColumn) {
        int colon = pos;
        pos++; // the ':'
        if (pos < length && s.charAt(pos) != ' ' && s.charAt(pos) != '\n') {
            throw Decline.INSTANCE; // "key:value" is one plain scalar to YAML
        }
        skipSpaces();
        if (pos >= length || s.charAt(pos) == '\n' || s.charAt(pos) == '#') {
            Mark afterColon = new Mark(SOURCE, colon + 1, line, colon + 1 - lineStart, (int[]) null, 0);
            endOfLine();
            skipEmptyLines();
            if (!atEnd()) {
                int indent = indentOfLine();
                if (indent > keyColumn) {
                    return s.charAt(pos) == '-' ? sequence(indent) : nestedMapping(indent);
                }
                if (indent == keyColumn && s.charAt(pos) == '-') {
                    throw Decline.INSTANCE; // an indentless sequence: SnakeYAML's business
                }
            }
            return new ScalarNode(Tag.NULL, true, "", afterColon, afterColon, DumperOptions.ScalarStyle.PLAIN);
        }
        Node scalar = inlineScalar();
        endOfLine();
        requireNoContinuation(keyColumn);
        return scalar;
    }

    private MappingNode nestedMapping(int column) {
        if (!startsWithKey()) {
            throw Decline.INSTANCE;
        }
        return mapping(column);
    }

    /** After a scalar, a more indented line would continue it (multi-line scalars are SnakeYAML's). */
    private void requireNoContinuation(int column) {
        int save = pos;
        int saveLine = line;
        int saveLineStart = lineStart;
        skipEmptyLines();
        if (!atEnd() && indentOfLine() > column) {
            throw Decline.INSTANCE;
        }
        pos = save;
        line = saveLine;
        lineStart = saveLineStart;
    }

    // ------------------------------------------------------------------ scalars

    private Node inlineScalar() {
        char c = s.charAt(pos);
        if (c == '"') {
            return doubleQuoted();
        }
        if (c == '\'') {
            return singleQuoted();
        }
        if ("[]{}&*!|>%@`,?#".indexOf(c) >= 0 || ((c == '-' || c == ':') && isBlankAt(pos + 1))) {
            throw Decline.INSTANCE;
        }
        return plain();
    }

    private Node plain() {
        int start = pos;
        int column = pos - lineStart;
        int end = pos;
        while (pos < length) {
            char c = s.charAt(pos);
            if (c == '\n') {
                break;
            }
            if (c == '\t' || (c == ':' && isBlankAt(pos + 1))) {
                throw Decline.INSTANCE;
            }
            if (c == '#' && s.charAt(pos - 1) == ' ') {
                break; // a comment
            }
            if (c != ' ') {
                end = pos + 1;
            }
            pos++;
        }
        String value = s.substring(start, end);
        Mark mark = new Mark(SOURCE, start, line, column, (int[]) null, 0);
        return new ScalarNode(YamlScalars.resolve(value), true, value, mark, mark,
                DumperOptions.ScalarStyle.PLAIN);
    }

    private Node singleQuoted() {
        int start = pos;
        int column = pos - lineStart;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= length || s.charAt(pos) == '\n') {
                throw Decline.INSTANCE;
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < length && s.charAt(pos + 1) == '\'') {
                    value.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            value.append(c);
            pos++;
        }
        Mark mark = new Mark(SOURCE, start, line, column, (int[]) null, 0);
        return new ScalarNode(Tag.STR, false, value.toString(), mark, mark, DumperOptions.ScalarStyle.SINGLE_QUOTED);
    }

    private Node doubleQuoted() {
        int start = pos;
        int column = pos - lineStart;
        pos++;
        int runStart = pos;
        StringBuilder value = null;
        while (true) {
            if (pos >= length) {
                throw Decline.INSTANCE;
            }
            char c = s.charAt(pos);
            if (c == '"') {
                break;
            }
            if (c == '\n' || c == '\t') {
                throw Decline.INSTANCE;
            }
            if (c == '\\') {
                if (value == null) {
                    value = new StringBuilder(pos - runStart + 64);
                }
                value.append(s.substring(runStart, pos));
                pos = escape(value, pos + 1);
                runStart = pos;
                continue;
            }
            pos++;
        }
        String text = value == null ? s.substring(runStart, pos) : value.append(s.substring(runStart, pos)).toString();
        pos++; // the closing quote
        Mark mark = new Mark(SOURCE, start, line, column, (int[]) null, 0);
        return new ScalarNode(Tag.STR, false, text, mark, mark, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    /** Appends the escape starting at {@code at} (after the backslash); returns the position after it. */
    private int escape(StringBuilder out, int at) {
        if (at >= length) {
            throw Decline.INSTANCE;
        }
        char c = s.charAt(at);
        switch (c) {
            case '0' -> out.append('\0');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 't', '\t' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'v' -> out.append('\u000B');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case 'e' -> out.append('\u001B');
            case ' ' -> out.append(' ');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'N' -> out.append('\u0085');
            case '_' -> out.append('\u00A0');
            case 'L' -> out.append('\u2028');
            case 'P' -> out.append('\u2029');
            case 'x' -> {
                return hexEscape(out, at + 1, 2);
            }
            case 'u' -> {
                return hexEscape(out, at + 1, 4);
            }
            case 'U' -> {
                return hexEscape(out, at + 1, 8);
            }
            default -> throw Decline.INSTANCE;
        }
        return at + 1;
    }

    private int hexEscape(StringBuilder out, int at, int digits) {
        if (at + digits > length) {
            throw Decline.INSTANCE;
        }
        int code = 0;
        for (int i = at; i < at + digits; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw Decline.INSTANCE;
            }
            code = code * 16 + d;
        }
        if (code > Character.MAX_CODE_POINT) {
            throw Decline.INSTANCE;
        }
        out.appendCodePoint(code);
        return at + digits;
    }

    // ------------------------------------------------------------------ lines

    private boolean startsWithKey() {
        int i = pos;
        while (i < length && isNameChar(s.charAt(i))) {
            i++;
        }
        return i > pos && i < length && s.charAt(i) == ':' && isBlankAt(i + 1);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || (c == '-');
    }

    private boolean isBlankAt(int i) {
        return i >= length || s.charAt(i) == ' ' || s.charAt(i) == '\n';
    }

    private void skipSpaces() {
        while (pos < length && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** The rest of the line must be blank or a comment; moves to the next line. */
    private void endOfLine() {
        int before = pos;
        skipSpaces();
        if (pos < length && s.charAt(pos) == '#' && pos > before) {
            while (pos < length && s.charAt(pos) != '\n') {
                pos++;
            }
        }
        if (pos < length) {
            if (s.charAt(pos) != '\n') {
                throw Decline.INSTANCE;
            }
            pos++;
            lineStart = pos;
            line++;
        }
    }

    /** Moves over blank and comment-only lines, to the start of the next line with content. */
    private void skipEmptyLines() {
        while (pos < length) {
            int i = lineStart;
            while (i < length && s.charAt(i) == ' ') {
                i++;
            }
            if (i < length && s.charAt(i) != '\n' && s.charAt(i) != '#') {
                pos = lineStart;
                return;
            }
            while (i < length && s.charAt(i) != '\n') {
                i++;
            }
            if (i >= length) {
                pos = length;
                return;
            }
            lineStart = i + 1;
            line++;
            pos = lineStart;
        }
    }

    /** The indentation of the current line; leaves {@code pos} on its first character. */
    private int indentOfLine() {
        int i = lineStart;
        while (i < length && s.charAt(i) == ' ') {
            i++;
        }
        pos = i;
        return i - lineStart;
    }

    private boolean atEnd() {
        return pos >= length;
    }

    private Mark mark(int column) {
        return new Mark(SOURCE, lineStart + column, line, column, (int[]) null, 0);
    }

    /** Only printable characters (as SnakeYAML's reader defines them), and no tabs or carriage returns. */
    private static boolean isPlainPrintable(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7E || c == '\n') {
                continue;
            }
            if (c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }
}
