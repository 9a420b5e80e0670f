package io.gitlore.embedder.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Runs the {@link CodeAnalyzer} over a text and produces its terms with their frequencies, in first-seen order. */
public final class Terms {

    private static final Analyzer ANALYZER = new CodeAnalyzer(false);

    private Terms() {
    }

    public static Map<String, Integer> frequencies(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream stream = ANALYZER.tokenStream("content", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
