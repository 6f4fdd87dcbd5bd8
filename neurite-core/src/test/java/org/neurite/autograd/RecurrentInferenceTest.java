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
    private static final int BATCH = 40;
    private static final int TIME = 7;
    private static final int IN = 5;
    private static final int UNITS = 24;

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "gru-reset-before", "simple-rnn"})
    void inferenceMatchesTheTapedForwardPass(String cell) {
        Rng rng = new Rng(9);
        int gates = cell.equals("lstm") ? 4 : cell.startsWith("gru") ? 3 : 1;
        Tensor x = Tensor.normal(rng, 0, 1, BATCH, TIME, IN);
        Tensor kernel = Tensor.normal(rng, 0, 0.3f, IN, gates * UNITS);
        Tensor recurrent = Tensor.normal(rng, 0, 0.3f, UNITS, gates * UNITS);
        Tensor bias = cell.equals("gru") ? Tensor.normal(rng, 0, 0.1f, 2, gates * UNITS)
                : Tensor.normal(rng, 0, 0.1f, gates * UNITS);
        Tensor mask = Tensor.ones(BATCH, TIME);
        for (int p = 0; p < BATCH; p++) {
            for (int t = 1 + p % TIME; t < TIME; t++) {
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
                        cell + " mask=" + (m != null) + " backwards=" + backwards);
            }
        }
    }
}
