package org.neurite.cli.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decoding a translation symbol by symbol from a {@link NextSymbols}: greedily (the likeliest symbol
 * at each step) or with a beam search (the {@code width} likeliest prefixes kept at each step).
 * Padding and the start token are never written; the end token finishes a translation; a
 * translation that reaches {@code maxLength} symbols stops there.
 *
 * <p>The beam search scores a prefix by the sum of its symbols' log-probabilities, without a length
 * penalty, and stops once no open prefix scores above the best finished one (scores only fall as a
 * prefix grows), so with a width of 1 it is the greedy search. It finds the likeliest translation
 * whenever that one stays among the {@code width} best prefixes of each length.
 *
 * <pre>{@code
 * int[][] greedy = Search.greedy(model, 3, 10);        // for sources 0, 1 and 2
 * Search.Result[] best = Search.beam(model, 3, 5, 10);   // sources 0-2, 5 prefixes kept for each
 * }</pre>
 */
public final class Search {
    private Search() {
    }

    /** A finished translation: its symbols (without start and end) and its log-probability. */
    public record Result(int[] symbols, double logProbability) {
    }

    /** The greedy translation of each of {@code sources} sources, all decoded together. */
    public static Result[] greedy(NextSymbols model, int sources, int maxLength) {
        int[][] prefixes = new int[sources][];
        int[] rows = new int[sources];
        for (int s = 0; s < sources; s++) {
            prefixes[s] = new int[] {SymbolTable.START};
            rows[s] = s;
        }
        double[] score = new double[sources];
        boolean[] done = new boolean[sources];
        for (int t = 0; t < maxLength && !allTrue(done); t++) {
            float[][] p = model.next(rows, prefixes);
            for (int s = 0; s < sources; s++) {
                if (done[s]) {
                    prefixes[s] = append(prefixes[s], SymbolTable.PAD);   // keeps the rows one length
                    continue;
                }
                int best = likeliest(p[s]);
                score[s] += Math.log(p[s][best]);
                done[s] = best == SymbolTable.END;
                prefixes[s] = append(prefixes[s], best);
            }
        }
        Result[] results = new Result[sources];
        for (int s = 0; s < sources; s++) {
            results[s] = new Result(symbolsOf(prefixes[s]), score[s]);
        }
        return results;
    }

    /**
     * The beam-search translations of {@code sources} sources, each keeping {@code width} prefixes;
     * the open prefixes of all sources are scored together, one call per step.
     */
    public static Result[] beam(NextSymbols model, int sources, int width, int maxLength) {
        if (width < 1 || maxLength < 1) {
            throw new IllegalArgumentException("beam search: width and maxLength must be at least 1, got " + width
                    + " and " + maxLength);
        }
        List<List<Result>> open = new ArrayList<>(sources);
        Result[] finished = new Result[sources];
        for (int s = 0; s < sources; s++) {
            open.add(List.of(new Result(new int[] {SymbolTable.START}, 0)));
        }
        for (int t = 0; t < maxLength; t++) {
            List<Integer> rowSources = new ArrayList<>();
            List<int[]> prefixes = new ArrayList<>();
            for (int s = 0; s < sources; s++) {
                for (Result r : open.get(s)) {
                    rowSources.add(s);
                    prefixes.add(r.symbols());
                }
            }
            if (prefixes.isEmpty()) {
                break;
            }
            float[][] p = model.next(rowSources.stream().mapToInt(Integer::intValue).toArray(),
                    prefixes.toArray(int[][]::new));
            int row = 0;
            for (int s = 0; s < sources; s++) {
                List<Result> candidates = new ArrayList<>();
                for (Result r : open.get(s)) {
                    for (int id : topIds(p[row], width)) {
                        candidates.add(new Result(append(r.symbols(), id), r.logProbability() + Math.log(p[row][id])));
                    }
                    row++;
                }
                open.set(s, step(candidates, width, t == maxLength - 1, finished, s));
            }
        }
        Result[] results = new Result[sources];
        for (int s = 0; s < sources; s++) {
            results[s] = new Result(symbolsOf(finished[s].symbols()), finished[s].logProbability());
        }
        return results;
    }

    /**
     * Keeps the {@code width} best candidates of one source: those that end (with the end token, or at
     * the last step) may become its best finished translation; the others stay open while they score
     * above it.
     */
    private static List<Result> step(List<Result> candidates, int width, boolean last, Result[] finished, int s) {
        candidates.sort(Comparator.comparingDouble(Result::logProbability).reversed());
        List<Result> next = new ArrayList<>();
        for (Result c : candidates.subList(0, Math.min(width, candidates.size()))) {
            boolean ends = c.symbols()[c.symbols().length - 1] == SymbolTable.END || last;
            if (!ends) {
                next.add(c);
            } else if (finished[s] == null || c.logProbability() > finished[s].logProbability()) {
                finished[s] = c;
            }
        }
        double bar = finished[s] == null ? Double.NEGATIVE_INFINITY : finished[s].logProbability();
        return next.stream().filter(r -> r.logProbability() > bar).toList();
    }

    /** The likeliest id that may be written (not padding, not the start token). */
    static int likeliest(float[] p) {
        int best = SymbolTable.END;
        for (int id = SymbolTable.END + 1; id < p.length; id++) {
            if (p[id] > p[best]) {
                best = id;
            }
        }
        return best;
    }

    /** The {@code k} likeliest ids that may be written, likeliest first. */
    private static int[] topIds(float[] p, int k) {
        Integer[] ids = new Integer[p.length - SymbolTable.END];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = SymbolTable.END + i;
        }
        Arrays.sort(ids, (a, b) -> Float.compare(p[b], p[a]));
        int n = Math.min(k, ids.length);
        int[] top = new int[n];
        for (int i = 0; i < n; i++) {
            top[i] = ids[i];
        }
        return top;
    }

    /** The written symbols of a prefix: without the start token, and up to the end token or padding. */
    private static int[] symbolsOf(int[] prefix) {
        int end = 1;
        while (end < prefix.length && prefix[end] != SymbolTable.END && prefix[end] != SymbolTable.PAD) {
            end++;
        }
        return Arrays.copyOfRange(prefix, 1, end);
    }

    private static int[] append(int[] prefix, int id) {
        int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
        longer[prefix.length] = id;
        return longer;
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }
}
