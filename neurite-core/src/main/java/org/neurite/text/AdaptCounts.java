package org.neurite.text;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link TextVectorization#adapt} learns from a part of a corpus, as a plain value that can
 * travel between machines: each token's count and document frequency, and the number of texts.
 * Parts are {@link #merge}d (in any order and grouping: the sums are exact), and
 * {@link TextVectorization#adapt(AdaptCounts)} turns the total into exactly the vocabulary and idf
 * weights that {@code adapt} over the whole corpus learns.
 *
 * <pre>{@code
 * AdaptCounts left = vectorizer.count(firstHalf);
 * AdaptCounts right = vectorizer.count(secondHalf);
 * vectorizer.adapt(left.merge(right));       // same vocabulary as vectorizer.adapt(allTexts)
 * }</pre>
 *
 * <p>It is {@link Serializable} so that a cluster framework can ship it; it holds every distinct
 * token of its part, so its size grows with the part's vocabulary, not with its texts.
 */
public final class AdaptCounts implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String[] tokens;
    private final long[] counts;
    private final long[] documents;
    private final long texts;

    AdaptCounts(String[] tokens, long[] counts, long[] documents, long texts) {
        this.tokens = tokens;
        this.counts = counts;
        this.documents = documents;
        this.texts = texts;
    }

    /** The counts of no text at all: the neutral element of {@link #merge}. */
    public static AdaptCounts empty() {
        return new AdaptCounts(new String[0], new long[0], new long[0], 0);
    }

    /** The number of texts counted. */
    public long texts() {
        return texts;
    }

    /** The number of distinct tokens counted. */
    public int distinctTokens() {
        return tokens.length;
    }

    /** This part's counts plus {@code other}'s, as a new value (neither is changed). */
    public AdaptCounts merge(AdaptCounts other) {
        Map<String, Integer> index = new HashMap<>(2 * (tokens.length + other.tokens.length));
        String[] t = Arrays.copyOf(tokens, tokens.length + other.tokens.length);
        long[] c = Arrays.copyOf(counts, t.length);
        long[] d = Arrays.copyOf(documents, t.length);
        for (int i = 0; i < tokens.length; i++) {
            index.put(tokens[i], i);
        }
        int size = tokens.length;
        for (int j = 0; j < other.tokens.length; j++) {
            Integer at = index.get(other.tokens[j]);
            if (at == null) {
                at = size++;
                t[at] = other.tokens[j];
                index.put(t[at], at);
            }
            c[at] += other.counts[j];
            d[at] += other.documents[j];
        }
        return new AdaptCounts(Arrays.copyOf(t, size), Arrays.copyOf(c, size), Arrays.copyOf(d, size),
                texts + other.texts);
    }

    /** The same counts in the form {@code adapt} ranks. */
    TokenCounts toTokenCounts() {
        return TokenCounts.of(tokens, counts, documents, texts);
    }
}
