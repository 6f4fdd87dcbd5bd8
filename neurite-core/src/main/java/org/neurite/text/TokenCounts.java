package org.neurite.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code adapt} learns from a corpus: how often each token occurs, and in how many texts.
 * Counts from parts of a corpus are {@link #merge}d, so the result is the same however the corpus
 * was split across threads.
 */
final class TokenCounts {
    private final TokenTable table = new TokenTable();
    private long[] counts = new long[64];
    private long[] docs = new long[64];
    private long[] lastText = new long[64];   // 1 + the last text that counted the token; 0 for none
    private long texts;

    /** A token as Keras ranks it, with its counts. */
    record Ranked(String token, long count, long documents) {
        /**
         * Keras' vocabulary order: descending count, ties by descending token, where tokens compare
         * as their UTF-8 bytes do (that is, by code point).
         */
        static final Comparator<Ranked> KERAS_ORDER = Comparator.comparingLong(Ranked::count)
                .thenComparing(Ranked::token, TokenCounts::compareCodePoints)
                .reversed();
    }

    /** Counts one token of text number {@code textIndex}: the characters {@code chars[from, to)}. */
    void add(long textIndex, char[] chars, int from, int to, int hash) {
        int id = table.add(chars, from, to, hash);
        grow(id);
        counts[id]++;
        if (lastText[id] != textIndex + 1) {
            lastText[id] = textIndex + 1;
            docs[id]++;
        }
    }

    /** Ends a text: every text counts as a document, even one without tokens. */
    void endText() {
        texts++;
    }

    /** Adds {@code other}'s counts to these. */
    void merge(TokenCounts other) {
        texts += other.texts;
        for (int i = 0; i < other.table.size(); i++) {
            char[] chars = other.table.chars(i);
            int id = table.add(chars, 0, chars.length, other.table.hash(i));
            grow(id);
            counts[id] += other.counts[i];
            docs[id] += other.docs[i];
        }
    }

    /** Counts given token by token (distinct tokens), as {@link AdaptCounts} carries them. */
    static TokenCounts of(String[] tokens, long[] counts, long[] documents, long texts) {
        TokenCounts total = new TokenCounts();
        for (int i = 0; i < tokens.length; i++) {
            int id = total.table.add(tokens[i]);
            total.grow(id);
            total.counts[id] += counts[i];
            total.docs[id] += documents[i];
        }
        total.texts = texts;
        return total;
    }

    /** These counts as a value that can leave this machine. */
    AdaptCounts toAdaptCounts() {
        int n = table.size();
        String[] tokens = new String[n];
        for (int id = 0; id < n; id++) {
            tokens[id] = table.token(id);
        }
        return new AdaptCounts(tokens, Arrays.copyOf(counts, n), Arrays.copyOf(docs, n), texts);
    }

    static TokenCounts mergeAll(Collection<TokenCounts> parts) {
        TokenCounts total = new TokenCounts();
        parts.forEach(total::merge);
        return total;
    }

    private void grow(int id) {
        if (id >= counts.length) {
            int n = Math.max(id + 1, counts.length * 2);
            counts = Arrays.copyOf(counts, n);
            docs = Arrays.copyOf(docs, n);
            lastText = Arrays.copyOf(lastText, n);
        }
    }

    /** The number of texts counted. */
    long texts() {
        return texts;
    }

    /** The counted tokens but {@code excluded}, in Keras' order, at most {@code limit} of them. */
    List<Ranked> ranked(Collection<String> excluded, int limit) {
        List<Ranked> all = new ArrayList<>(table.size());
        for (int id = 0; id < table.size(); id++) {
            String token = table.token(id);
            if (!excluded.contains(token)) {
                all.add(new Ranked(token, counts[id], docs[id]));
            }
        }
        all.sort(Ranked.KERAS_ORDER);
        return all.subList(0, Math.min(limit, all.size()));
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
