package org.neurite.cli.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

/**
 * Greedy and beam search on a tiny hand-built model whose likeliest first symbol leads to an unlikely
 * translation: greedy takes it, a beam of two finds the likelier translation.
 */
class SearchTest {
    private static final int A = 3;
    private static final int B = 4;
    private static final int SYMBOLS = 5;   // pad, start, end, a, b

    /**
     * After start: a 0.6, b 0.4. After a: end 0.4, a 0.3, b 0.3. After b: end 0.9, a 0.05, b 0.05.
     * Anything longer: end. Greedy writes "a" (0.6 · 0.4 = 0.24); the best translation is "b" (0.36).
     */
    private static final NextSymbols TRAP = (sources, prefixes) -> {
        float[][] p = new float[prefixes.length][];
        for (int r = 0; r < prefixes.length; r++) {
            p[r] = distribution(Arrays.copyOfRange(prefixes[r], 1, prefixes[r].length));
        }
        return p;
    };

    private static float[] distribution(int[] written) {
        Map<Integer, Float> next;
        if (written.length == 0) {
            next = Map.of(A, 0.6f, B, 0.4f);
        } else if (written.length == 1 && written[0] == A) {
            next = Map.of(SymbolTable.END, 0.4f, A, 0.3f, B, 0.3f);
        } else if (written.length == 1) {
            next = Map.of(SymbolTable.END, 0.9f, A, 0.05f, B, 0.05f);
        } else {
            next = Map.of(SymbolTable.END, 1f);
        }
        float[] p = new float[SYMBOLS];
        next.forEach((id, q) -> p[id] = q);
        return p;
    }

    @Test
    void greedyTakesTheLikeliestSymbolAtEachStep() {
        Search.Result[] greedy = Search.greedy(TRAP, 2, 10);

        for (Search.Result r : greedy) {
            assertArrayEquals(new int[] {A}, r.symbols());
            assertEquals(Math.log(0.6 * 0.4), r.logProbability(), Tolerances.REFERENCE);
        }
    }

    @Test
    void beamSearchFindsTheLikelierTranslationGreedyMisses() {
        Search.Result[] beam = Search.beam(TRAP, 2, 2, 10);

        for (Search.Result r : beam) {
            assertArrayEquals(new int[] {B}, r.symbols());
            assertEquals(Math.log(0.4 * 0.9), r.logProbability(), Tolerances.REFERENCE);
        }
    }

    @Test
    void aBeamOfOneIsGreedy() {
        Search.Result beam = Search.beam(TRAP, 1, 1, 10)[0];
        Search.Result greedy = Search.greedy(TRAP, 1, 10)[0];

        assertArrayEquals(greedy.symbols(), beam.symbols());
        assertEquals(greedy.logProbability(), beam.logProbability(), Tolerances.REFERENCE);
    }

    @Test
    void translationsStopAtTheLongestOutput() {
        NextSymbols neverEnds = (sources, prefixes) -> {
            float[][] p = new float[prefixes.length][SYMBOLS];
            for (float[] row : p) {
                row[A] = 0.9f;
                row[SymbolTable.END] = 0.1f;
            }
            return p;
        };

        assertEquals(4, Search.greedy(neverEnds, 1, 4)[0].symbols().length);
        assertEquals(4, Search.beam(neverEnds, 1, 3, 4)[0].symbols().length);
    }

    @Test
    void paddingAndTheStartTokenAreNeverWritten() {
        NextSymbols likesPadding = (sources, prefixes) -> {
            float[][] p = new float[prefixes.length][SYMBOLS];
            for (float[] row : p) {
                row[SymbolTable.PAD] = 0.5f;
                row[SymbolTable.START] = 0.3f;
                row[SymbolTable.END] = 0.2f;
            }
            return p;
        };

        assertArrayEquals(new int[0], Search.greedy(likesPadding, 1, 5)[0].symbols());
        assertArrayEquals(new int[0], Search.beam(likesPadding, 1, 2, 5)[0].symbols());
    }

    @Test
    void aBeamOfNoWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Search.beam(TRAP, 1, 0, 5));
    }
}
