package dev.newsroom.ranking.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns text into index terms with Lucene's {@link EnglishAnalyzer}: standard tokenising, possessives
 * and English stop words removed, lower case, Porter stemming. Thread-safe (Lucene keeps one token
 * stream per thread).
 */
public final class TextAnalysis {

    private final Analyzer analyzer = new EnglishAnalyzer();

    /** Calls {@code term} for every term of {@code text}, in order (repeats included). */
    public void forEachTerm(String text, Consumer<String> term) {
        if (text == null || text.isBlank()) {
            return;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute chars = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                term.accept(chars.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in-memory text cannot fail", e);
        }
    }

    public List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        forEachTerm(text, terms::add);
        return terms;
    }
}
