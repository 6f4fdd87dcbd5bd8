package org.neurite.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words and word shingles that {@link DuplicateCheck} compares texts by.
 *
 * <p>A text is standardised as Keras' {@code lower_and_strip_punctuation} does, a little more
 * strictly: HTML line breaks become spaces, letters are lower-cased, and every run of characters
 * that are neither letters nor digits becomes one space. A shingle is a run of {@code k}
 * consecutive words, hashed to 64 bits; a text shorter than {@code k} words is one shingle.
 *
 * <pre>{@code
 * Shingles.standardize("Great  movie!<br />Loved it.");   // "great movie loved it"
 * Shingles.hashes("great movie loved it", 3);             // 2 sorted, distinct shingle hashes
 * }</pre>
 */
final class Shingles {
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);

    private Shingles() {
    }

    /** Lower-case words separated by single spaces; "" when the text has none. */
    static String standardize(String text) {
        String lower = LINE_BREAK.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                out.appendCodePoint(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** The sorted, distinct hashes of the {@code k}-word shingles of a standardised text; empty for "". */
    static long[] hashes(String standardized, int k) {
        if (standardized.isEmpty()) {
            return new long[0];
        }
        long[] words = wordHashes(standardized);
        int count = Math.max(1, words.length - k + 1);
        long[] shingles = new long[count];
        for (int s = 0; s < count; s++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int w = s; w < Math.min(words.length, s + k); w++) {
                h = mix(h * 31 + words[w]);
            }
            shingles[s] = h;
        }
        Arrays.sort(shingles);
        return distinct(shingles);
    }

    /** {@code |a ∩ b| / |a ∪ b|} of two sorted, distinct arrays; 0 when both are empty. */
    static double jaccard(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 0 : (double) common / union;
    }

    /** The splitmix64 finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long[] wordHashes(String standardized) {
        long[] words = new long[16];
        int n = 0;
        long h = 0;
        for (int i = 0; i <= standardized.length(); i++) {
            char c = i < standardized.length() ? standardized.charAt(i) : ' ';
            if (c == ' ') {
                if (n == words.length) {
                    words = Arrays.copyOf(words, n * 2);
                }
                words[n++] = mix(h);
                h = 0;
            } else {
                h = h * 1_000_003L + c;
            }
        }
        return Arrays.copyOf(words, n);
    }

    private static long[] distinct(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }
}
