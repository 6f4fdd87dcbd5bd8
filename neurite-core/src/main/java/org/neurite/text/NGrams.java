package org.neurite.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras' {@code tf.strings.ngrams(tokens, ngram_width=widths, separator=" ")}: for each width in the
 * given order, every run of that many consecutive tokens joined by one space. A text shorter than
 * a width gives no n-gram of that width.
 *
 * <pre>{@code
 * NGrams.of(List.of("a", "b", "c"), new int[] {1, 2});   // [a, b, c, a b, b c]
 * }</pre>
 */
final class NGrams {
    private NGrams() {
    }

    static List<String> of(List<String> tokens, int[] widths) {
        if (widths.length == 1 && widths[0] == 1) {
            return tokens;
        }
        List<String> grams = new ArrayList<>(tokens.size() * widths.length);
        for (int width : widths) {
            for (int start = 0; start + width <= tokens.size(); start++) {
                grams.add(width == 1 ? tokens.get(start) : String.join(" ", tokens.subList(start, start + width)));
            }
        }
        return grams;
    }
}
