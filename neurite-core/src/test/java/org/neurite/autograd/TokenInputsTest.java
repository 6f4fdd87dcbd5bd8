package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * A recurrent op given token ids and an embedding table projects the table once instead of every
 * step's vectors: its outputs must equal, bit for bit, those of the op on the looked-up vectors
 * (its composed twin), for every cell, with and without masks, in both directions, inside an
 * inference scope (the table made once for two calls) and outside one.
 */
class TokenInputsTest {
    private static final int BATCH = 40;
    private static final int TIME = 7;
    private static final int IN = 5;
    private static final int UNITS = 24;
    private static final int VOCABULARY = 11;

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "gru-reset-before"})
    void tokenInputsGiveTheOutputsOfTheLookedUpVectors(String cell) {
        Rng rng = new Rng(4);
        int gates = cell.equals("lstm") ? 4 : 3;
        Tensor table = Tensor.normal(rng, 0, 1, VOCABULARY, IN);
        Tensor kernel = Tensor.normal(rng, 0, 0.3f, IN, gates * UNITS);
        Tensor recurrent = Tensor.normal(rng, 0, 0.3f, UNITS, gates * UNITS);
        Tensor bias = cell.equals("gru") ? Tensor.normal(rng, 0, 0.1f, 2, gates * UNITS)
                : Tensor.normal(rng, 0, 0.1f, gates * UNITS);
        int[] ids = new int[BATCH * TIME];
        Tensor x = Tensor.empty(BATCH, TIME, IN);
        Tensor mask = Tensor.ones(BATCH, TIME);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(VOCABULARY);
            System.arraycopy(table.data(), ids[i] * IN, x.data(), i * IN, IN);
        }
        for (int p = 0; p < BATCH; p++) {
            for (int t = 1 + p % TIME; t < TIME; t++) {
                mask.set(0f, p, t);
            }
        }
        TokenInputs tokens = new TokenInputs(ids, BATCH, TIME, table);
        Variable k = Variable.constant(kernel);
        Variable u = Variable.constant(recurrent);
        Variable b = Variable.constant(bias);
        for (Tensor m : new Tensor[] {null, mask}) {
            for (boolean backwards : new boolean[] {false, true}) {
                RecurrentOptions options = RecurrentOptions.DEFAULT.withReturnSequences(true).withGoBackwards(backwards);
                BiFunction<Variable, TokenInputs, RecurrentOutput> run = (vectors, t) -> switch (cell) {
                    case "lstm" -> t == null ? LstmOps.lstm(vectors, k, u, b, null, null, m, options)
                            : LstmOps.lstm(t, k, u, b, null, null, m, options);
                    default -> t == null ? GruOps.gru(vectors, k, u, b, null, m, cell.equals("gru"), options)
                            : GruOps.gru(t, k, u, b, null, m, cell.equals("gru"), options);
                };
                String what = cell + " mask=" + (m != null) + " backwards=" + backwards;
                try (Autograd.Scope noGrad = Autograd.noGrad()) {
                    float[] expected = run.apply(Variable.constant(x), null).output().value().toArray();
                    assertArrayEquals(expected, run.apply(null, tokens).output().value().toArray(), what);
                    try (InferenceScope scope = InferenceScope.open(2 * BATCH)) {
                        assertArrayEquals(expected, run.apply(null, tokens).output().value().toArray(), what + " scope");
                        assertArrayEquals(expected, run.apply(null, tokens).output().value().toArray(), what + " reused");
                    }
                }
            }
        }
    }

    @Test
    void tokenInputsRefuseATape() {
        Rng rng = new Rng(5);
        TokenInputs tokens = new TokenInputs(new int[] {0, 1}, 1, 2, Tensor.normal(rng, 0, 1, 3, IN));
        Variable kernel = Variable.parameter(Tensor.normal(rng, 0, 1, IN, 4 * UNITS));
        Variable recurrent = Variable.parameter(Tensor.normal(rng, 0, 1, UNITS, 4 * UNITS));
        assertThrows(IllegalStateException.class,
                () -> LstmOps.lstm(tokens, kernel, recurrent, null, null, null, null, RecurrentOptions.DEFAULT));
    }
}
