package dev.newsroom.model.seed;

import dev.newsroom.model.Article;
import java.util.List;
import java.util.Map;

/**
 * The result of reading one file: the article (fields that had the wrong type are left {@code null}),
 * where each field was found, and the type problems met on the way. A file with problems is not a
 * valid article; the caller decides what else to check before accepting it.
 */
public record ParsedArticle(String file, Article article, Map<String, SourcePosition> positions,
                            List<FieldProblem> problems) {

    public ParsedArticle {
        positions = positions instanceof PositionIndex ? positions : Map.copyOf(positions);
        problems = List.copyOf(problems);
    }

    /** Where {@code field} is in the file; for a missing field, where its parent starts. */
    public SourcePosition positionOf(String field) {
        String path = field;
        while (true) {
            SourcePosition p = positions.get(path);
            if (p != null) {
                return p;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            if (cut <= 0) {
                return positions.getOrDefault("", SourcePosition.START);
            }
            path = path.substring(0, cut);
        }
    }

    public FieldProblem problem(String field, String message) {
        SourcePosition p = positionOf(field);
        return new FieldProblem(file, p.line(), p.column(), field, message);
    }
}
