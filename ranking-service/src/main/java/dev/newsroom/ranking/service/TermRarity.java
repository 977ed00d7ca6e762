package dev.newsroom.ranking.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How rare a term is: an inverse document frequency from a fixed reference collection
 * ({@value #RESOURCE}, built from the bundled samples by {@code ReferenceFrequencies} in the tests).
 *
 * <p>The frequencies are fixed rather than counted over the live index on purpose: then the similarity
 * of two articles depends on those two articles alone, not on what else happened to be indexed when they
 * were compared, so two instances, a restarted instance and a replay all compute exactly the same links
 * and stories whatever order the articles arrive in. A term the collection never saw counts as rare
 * (names of people and companies, mostly), which is what a reader expects of a news story.
 *
 * <pre>
 *   idf(term) = ln((documents + 1) / (df(term) + 0.5))
 * </pre>
 */
public final class TermRarity {

    public static final String RESOURCE = "/ranking/reference-document-frequencies.tsv";

    private final int documents;
    private final Map<String, Integer> documentFrequencies;

    public TermRarity(int documents, Map<String, Integer> documentFrequencies) {
        this.documents = documents;
        this.documentFrequencies = Map.copyOf(documentFrequencies);
    }

    /** The reference collection bundled with the service. */
    public static TermRarity reference() {
        try (InputStream in = TermRarity.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int documents = -1;
            Map<String, Integer> frequencies = new HashMap<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split("\t");
                if (line.startsWith("#documents\t")) {
                    documents = Integer.parseInt(cells[1]);
                } else if (!line.startsWith("#") && cells.length == 2) {
                    frequencies.put(cells[0], Integer.parseInt(cells[1]));
                }
            }
            if (documents < 0) {
                throw new IllegalStateException(RESOURCE + " has no #documents line");
            }
            return new TermRarity(documents, frequencies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double idf(String term) {
        return Math.log((documents + 1.0) / (documentFrequencies.getOrDefault(term, 0) + 0.5));
    }

    public int documents() {
        return documents;
    }

    public Map<String, Integer> documentFrequencies() {
        return documentFrequencies;
    }
}
