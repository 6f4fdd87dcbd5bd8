package org.neurite.cli.translate;

import java.util.List;

/**
 * The error rates of translations against references, as grapheme-to-phoneme work reports them:
 * the symbol error rate (edit distances summed over the words, divided by the references' total
 * length: the phoneme error rate, PER) and the word error rate (the share of words not translated
 * exactly, WER). Exact match is {@code 1 - wordErrorRate}.
 *
 * <pre>{@code
 * ErrorRates rates = ErrorRates.of(List.of(List.of("K", "AE", "T")), List.of(List.of("K", "AA", "T")));
 * rates.symbolErrorRate();   // 1/3
 * rates.wordErrorRate();     // 1
 * }</pre>
 */
public record ErrorRates(long edits, long referenceSymbols, int wrongWords, int words) {
    /** The rates of {@code predictions} against {@code references}, pair by pair. */
    public static ErrorRates of(List<List<String>> predictions, List<List<String>> references) {
        if (predictions.size() != references.size()) {
            throw new IllegalArgumentException("error rates: " + predictions.size() + " predictions for "
                    + references.size() + " references");
        }
        long edits = 0;
        long symbols = 0;
        int wrong = 0;
        for (int i = 0; i < predictions.size(); i++) {
            int d = EditDistance.between(predictions.get(i), references.get(i));
            edits += d;
            symbols += references.get(i).size();
            wrong += d == 0 ? 0 : 1;
        }
        return new ErrorRates(edits, symbols, wrong, predictions.size());
    }

    /** Edits per reference symbol (the phoneme error rate for pronunciations). */
    public double symbolErrorRate() {
        return referenceSymbols == 0 ? 0 : (double) edits / referenceSymbols;
    }

    /** The share of words with at least one error. */
    public double wordErrorRate() {
        return words == 0 ? 0 : (double) wrongWords / words;
    }

    /** The share of words translated exactly. */
    public double exactMatch() {
        return 1 - wordErrorRate();
    }
}
