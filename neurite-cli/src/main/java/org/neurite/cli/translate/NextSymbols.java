package org.neurite.cli.translate;

/**
 * A decoder seen from a search: the probabilities of the next target symbol after each of several
 * prefixes, each prefix continuing the translation of one of the sources being translated.
 *
 * <pre>{@code
 * NextSymbols uniform = (sources, prefixes) -> new float[sources.length][] ...;
 * }</pre>
 */
@FunctionalInterface
public interface NextSymbols {
    /**
     * @param sources  for each row, the index of its source among those being translated
     * @param prefixes for each row, the symbols so far, starting with {@link SymbolTable#START}; all rows
     *                 have the same length
     * @return for each row, the probability of every target id coming next
     */
    float[][] next(int[] sources, int[][] prefixes);
}
