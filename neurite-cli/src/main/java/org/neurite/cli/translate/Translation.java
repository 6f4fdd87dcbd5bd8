package org.neurite.cli.translate;

import java.util.List;

/**
 * One translation: the source symbols read, the target symbols written and their text, the
 * log-probability of the whole translation, and the attention weights: row {@code t} says how much
 * output symbol {@code t} looked at each source symbol (each row sums to 1).
 */
public record Translation(List<String> source, List<String> symbols, String text, double logProbability,
                          float[][] attention) {
}
