package org.neurite.text;

/**
 * The {@code mode} of the legacy Keras {@link Tokenizer#textsToMatrix}: what cell {@code (i, j)} of
 * the {@code (texts, num_words)} matrix holds for word index {@code j} in text {@code i}.
 */
public enum MatrixMode {
    /** 1 when the word occurs, else 0 ({@code 'binary'}). */
    BINARY,
    /** How often it occurs ({@code 'count'}). */
    COUNT,
    /** Its count divided by the length of the text's sequence ({@code 'freq'}). */
    FREQ,
    /**
     * {@code (1 + ln count) * ln(1 + documents / (1 + documents containing the word))}, 0 when
     * absent ({@code 'tfidf'}).
     */
    TFIDF
}
