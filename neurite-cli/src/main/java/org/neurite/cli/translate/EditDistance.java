package org.neurite.cli.translate;

import java.util.List;

/**
 * The Levenshtein distance between two symbol sequences: the fewest insertions, deletions and
 * substitutions of one symbol that turn one into the other. The phoneme error rate of a
 * pronunciation model is the sum of these distances over the test words divided by the number of
 * phonemes of the references.
 *
 * <pre>{@code
 * EditDistance.between(List.of("K", "AE", "T"), List.of("K", "AA", "T", "S"));   // 2
 * }</pre>
 */
public final class EditDistance {
    private EditDistance() {
    }

    /** The distance between {@code a} and {@code b}, in O(|a|·|b|) time and O(|b|) memory. */
    public static int between(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            previous[j] = j;   // from an empty a: insert b's first j symbols
        }
        for (int i = 1; i <= a.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int substitute = previous[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
