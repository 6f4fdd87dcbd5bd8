package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Without a tape, the recurrence projects its inputs one step at a time instead of all at once;
 * the outputs must be the same, bit for bit, for every cell, with and without masks, in both
 * directions, on one thread's rows and on several.
 */
class RecurrentInferenceTest {
    /** batch, time, in, units: rows on one thread, then enough work per step to split rows across threads. */
    private static final int[][] SIZES = {{40, 7, 5, 24}, {64, 4, 8, 96}};

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "gru-reset-before", "simple-rnn"})
    void inferenceMatchesTheTapedForwardPass(String cell) {
        for (int[] size : SIZES) {
            check(cell, size[0], size[1], size[2], size[3]);
        }
    }

    private static void check(String cell, int batch, int time, int in, int units) {
        Rng rng = new Rng(9);
        int gates = cell.equals("lstm") ? 4 : cell.startsWith("gru") ? 3 : 1;
        Tensor x = Tensor.normal(rng, 0, 1, batch, time, in);
        Tensor kernel = Tensor.normal(rng, 0, 0.3f, in, gates * units);
        Tensor recurrent = Tensor.normal(rng, 0, 0.3f, units, gates * units);
        Tensor bias = cell.equals("gru") ? Tensor.normal(rng, 0, 0.1f, 2, gates * units)
                : Tensor.normal(rng, 0, 0.1f, gates * units);
        Tensor mask = Tensor.ones(batch, time);
        for (int p = 0; p < batch; p++) {
            for (int t = 1 + p % time; t < time; t++) {
                mask.set(0f, p, t);
            }
        }
        for (Tensor m : new Tensor[] {null, mask}) {
            for (boolean backwards : new boolean[] {false, true}) {
                RecurrentOptions options = RecurrentOptions.DEFAULT.withReturnSequences(true).withGoBackwards(backwards);
                Function<Variable[], RecurrentOutput> run = v -> switch (cell) {
                    case "lstm" -> LstmOps.lstm(v[0], v[1], v[2], v[3], null, null, m, options);
                    case "gru" -> GruOps.gru(v[0], v[1], v[2], v[3], null, m, true, options);
                    case "gru-reset-before" -> GruOps.gru(v[0], v[1], v[2], v[3], null, m, false, options);
                    default -> SimpleRnnOps.simpleRnn(v[0], v[1], v[2], v[3], null, m, FusedActivation.TANH, options);
                };
                Tensor taped = run.apply(new Variable[] {Variable.parameter(x), Variable.parameter(kernel),
                    Variable.parameter(recurrent), Variable.parameter(bias)}).output().value();
                Tensor inferred;
                try (Autograd.Scope scope = Autograd.noGrad()) {
                    inferred = run.apply(new Variable[] {Variable.constant(x), Variable.constant(kernel),
                        Variable.constant(recurrent), Variable.constant(bias)}).output().value();
                }
                assertArrayEquals(taped.toArray(), inferred.toArray(),
                        cell + " batch=" + batch + " mask=" + (m != null) + " backwards=" + backwards);
            }
        }
    }
}
