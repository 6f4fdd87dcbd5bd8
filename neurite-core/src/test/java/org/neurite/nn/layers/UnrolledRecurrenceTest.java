package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;
import static org.neurite.testing.GradientAssertions.assertWeightGradientsMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.RecurrentOptions;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * The step-by-step path is the fused ops' slow twin: where both apply they agree, values and
 * gradients, for every cell and option; where only it applies (recurrent dropout, other
 * activations) its gradients match finite differences.
 */
class UnrolledRecurrenceTest {
    private static final Tensor X = Tensor.normal(new Rng(11), 0, 1, 3, 5, 2);
    /** Post padding, pre padding and a gap in the middle. */
    private static final Tensor MASK = Tensor.matrix(new float[][] {{1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 0}});

    private static List<RecurrentLayer> cells() {
        return List.of(new SimpleRNN(4), new LSTM(4), new GRU(4), GRU.builder().setUnits(4).optResetAfter(false).build());
    }

    private static List<RecurrentOptions> options() {
        RecurrentOptions d = RecurrentOptions.DEFAULT;
        return List.of(d, d.withReturnSequences(true), d.withGoBackwards(true).withReturnSequences(true),
                d.withTruncateBptt(2).withReturnSequences(true), d.withReturnState(true),
                d.withReturnSequences(true).withZeroOutputForMask(true));
    }

    @Test
    void unrolledPathMatchesTheFusedOps() {
        for (RecurrentLayer layer : cells()) {
            RecurrentLayersTest.built(layer, 2);
            for (RecurrentOptions options : options()) {
                for (Tensor mask : new Tensor[] {null, MASK}) {
                    String where = layer.type() + " " + options + " mask=" + (mask != null);
                    Variable[] fusedLeaves = leaves(layer);
                    Variable fused = sum(layer.run(fusedLeaves[0], fusedLeaves[1], fusedLeaves[2], fusedLeaves[3],
                            null, mask, options));
                    Variable[] unrolledLeaves = leaves(layer);
                    Variable unrolled = sum(unrolled(layer, unrolledLeaves, mask, null, options));
                    assertClose(fused.value(), unrolled.value(), where);
                    fused.backward();
                    unrolled.backward();
                    for (int i = 0; i < fusedLeaves.length; i++) {
                        assertClose(fusedLeaves[i].grad(), unrolledLeaves[i].grad(), where + " gradient " + i);
                    }
                    assertFalse(fused.value().item() == 0f, where);
                }
            }
        }
    }

    @Test
    void recurrentDropoutGradientsMatchFiniteDifferences() {
        Tensor drop = Tensor.matrix(new float[][] {{2, 0, 2, 2}, {0, 2, 2, 0}, {2, 2, 0, 2}});
        RecurrentOptions options = RecurrentOptions.DEFAULT.withReturnSequences(true);
        for (RecurrentLayer layer : cells()) {
            RecurrentLayersTest.built(layer, 2);
            assertGradientsMatch(v -> unrolled(layer, new Variable[] {v[0], w(layer, 0), w(layer, 1), w(layer, 2)},
                    MASK, drop, options).output(), X);
            List<Variable> weights = layer.parameters().stream().map(p -> p.variable()).toList();
            assertWeightGradientsMatch(layer.parameters(), () -> unrolled(layer, new Variable[] {
                    Variable.constant(X), weights.get(0), weights.get(1), weights.get(2)}, MASK, drop, options).output());
        }
    }

    @Test
    void otherActivationsRunStepByStepWithCorrectGradients() {
        List<RecurrentLayer> layers = List.of(
                SimpleRNN.builder().setUnits(3).optActivation(Activation.ELU).optReturnSequences(true).build(),
                LSTM.builder().setUnits(3).optActivation(Activation.RELU).optRecurrentActivation(Activation.TANH).build(),
                GRU.builder().setUnits(3).optActivation(Activation.SOFTPLUS).optRecurrentActivation(Activation.SILU)
                        .build());
        for (RecurrentLayer layer : layers) {
            RecurrentLayersTest.built(layer, 2);
            assertFalse(layer.fusedOpSupports(), layer.type());
            assertGradientsMatch(v -> layer.call(v[0].withMask(MASK), false), X);
        }
    }

    @Test
    void recurrentDropoutActsOnlyInTraining() {
        LSTM lstm = RecurrentLayersTest.built(LSTM.builder().setUnits(4).optRecurrentDropout(0.5f).build(), 2);
        LSTM plain = RecurrentLayersTest.built(new LSTM(4), 2);
        for (int i = 0; i < 3; i++) {
            plain.parameters().get(i).value().fill(0f).addInPlace(lstm.parameters().get(i).value());
        }
        Variable x = Variable.constant(X);
        assertClose(plain.call(x, false).value(), lstm.call(x, false).value(), "inference");
        Tensor trained = lstm.call(x, true).value();
        assertFalse(sameValues(trained, lstm.call(x, false).value()), "recurrent dropout changed nothing in training");
    }

    @Test
    void theNewOptionsRoundTripThroughTheConfig() {
        LSTM lstm = LSTM.builder().setUnits(2).optActivation(Activation.RELU).optRecurrentActivation(Activation.TANH)
                .optRecurrentDropout(0.25f).build();
        Map<String, Object> config = lstm.config();
        assertEquals("relu", config.get("activation"));
        assertEquals("tanh", config.get("recurrent_activation"));
        assertEquals(0.25f, config.get("recurrent_dropout"));
        assertEquals("tanh", new GRU(2).config().get("activation"));
        assertEquals("sigmoid", new GRU(2).config().get("recurrent_activation"));
        assertFalse(new SimpleRNN(2).config().containsKey("recurrent_activation"));
    }

    private static RecurrentOutput unrolled(RecurrentLayer layer, Variable[] v, Tensor mask, Tensor drop,
                                            RecurrentOptions options) {
        List<Variable> zeros = new ArrayList<>();
        for (int i = 0; i < layer.stateCount(); i++) {
            zeros.add(Variable.constant(Tensor.zeros(X.dim(0), layer.units())));
        }
        return UnrolledRecurrence.run((xt, s, hRec) -> layer.step(xt, s, hRec, v[1], v[2], v[3]), v[0], zeros, mask,
                drop, options);
    }

    /** x and the layer's three weights as fresh leaves. */
    private static Variable[] leaves(RecurrentLayer layer) {
        return new Variable[] {Variable.parameter(X), w(layer, 0), w(layer, 1), w(layer, 2)};
    }

    private static Variable w(RecurrentLayer layer, int i) {
        return Variable.parameter(layer.parameters().get(i).value());
    }

    /** A scalar touching every output: a weighted sum so that each element gets its own gradient. */
    private static Variable sum(RecurrentOutput out) {
        Variable total = out.output().mul(out.output()).sum();
        if (out.h() != null) {
            total = total.add(out.h().mul(3f).sum());
        }
        return out.c() == null ? total : total.add(out.c().mul(-2f).sum());
    }

    /** Equal up to reordered float sums, relative to the largest magnitude. */
    private static void assertClose(Tensor expected, Tensor actual, String what) {
        float scale = 1f;
        for (float v : expected.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected.toArray(), actual.toArray(), Tolerances.REORDERED_SUMS * scale, what);
    }

    private static boolean sameValues(Tensor a, Tensor b) {
        return java.util.Arrays.equals(a.toArray(), b.toArray());
    }
}
