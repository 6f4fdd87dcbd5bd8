package org.neurite.text;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The standardize, split and n-gram steps of a {@link TextVectorization}, handing each token to a
 * {@link Sink} as a range of characters with its String hash.
 *
 * <p>The common configuration (a built-in {@link Standardization}, {@link Split#WHITESPACE} or
 * {@link Split#UNICODE_WHITESPACE}, no n-grams beyond width 1) runs a fast path that standardizes
 * into a per-thread buffer and scans it for tokens without making a String per token; everything
 * else goes through {@link #tokenize}, which is also the fast path's test oracle.
 */
final class TokenStream {
    /** Receives the tokens of a text, one call per token: {@code chars[from, to)}. */
    interface Sink {
        void token(char[] chars, int from, int to, int hash);
    }

    private static final ThreadLocal<CharScratch> SCRATCH = ThreadLocal.withInitial(CharScratch::new);

    private final UnaryOperator<String> standardize;
    private final Function<String, List<String>> split;
    private final int[] ngrams;
    private final Standardization fastStandardize;
    private final boolean unicodeWhitespace;

    TokenStream(UnaryOperator<String> standardize, Function<String, List<String>> split, int[] ngrams) {
        this.standardize = standardize;
        this.split = split;
        this.ngrams = ngrams;
        boolean unigrams = ngrams == null || ngrams.length == 1 && ngrams[0] == 1;
        boolean whitespace = split == Split.WHITESPACE || split == Split.UNICODE_WHITESPACE;
        this.fastStandardize = whitespace && unigrams && standardize instanceof Standardization s ? s : null;
        this.unicodeWhitespace = split == Split.UNICODE_WHITESPACE;
    }

    /** The tokens (or n-grams) of one text, as Strings. */
    List<String> tokenize(String text) {
        String standardized = standardize.apply(text);
        if (standardized == null) {
            throw new IllegalArgumentException("standardize returned null");
        }
        List<String> tokens = split.apply(standardized);
        if (tokens == null || tokens.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("split returned a null list or token");
        }
        return ngrams == null ? tokens : NGrams.of(tokens, ngrams);
    }

    /** Hands every token of {@code text} to {@code sink}, in order. */
    void forEach(String text, Sink sink) {
        if (fastStandardize == null) {
            for (String token : tokenize(text)) {
                char[] chars = token.toCharArray();
                sink.token(chars, 0, chars.length, token.hashCode());
            }
            return;
        }
        CharScratch scratch = SCRATCH.get();
        fastStandardize.applyInto(text, scratch);
        splitWhitespace(scratch.chars, scratch.length, unicodeWhitespace, sink);
    }

    /** The whitespace split over {@code chars[0, length)}, hashing each token as it goes. */
    private static void splitWhitespace(char[] chars, int length, boolean unicode, Sink sink) {
        int start = -1;
        int hash = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (unicode ? Split.isUnicodeWhitespace(c) : Split.isAsciiWhitespace(c)) {
                if (start >= 0) {
                    sink.token(chars, start, i, hash);
                    start = -1;
                }
            } else {
                if (start < 0) {
                    start = i;
                    hash = 0;
                }
                hash = 31 * hash + c;
            }
        }
        if (start >= 0) {
            sink.token(chars, start, length, hash);
        }
    }
}
