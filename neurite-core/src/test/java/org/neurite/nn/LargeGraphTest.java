package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neurite.nn.layers.ActivationLayer;
import org.neurite.nn.layers.Dense;

/**
 * Graph walks and naming scale to very large models: no recursion that a long chain could
 * overflow, nothing quadratic in the number of layers.
 */
class LargeGraphTest {
    /** Far more than the default thread stack allows recursive frames for. */
    private static final int CHAIN = 100_000;
    /** A quadratic walk or naming over {@link #CHAIN} layers takes minutes; linear, well under a second. */
    private static final int LINEAR_SECONDS = 30;

    @Test
    @Timeout(LINEAR_SECONDS)
    void aFunctionalChainOfOneHundredThousandNodesIsOrderedWithoutRecursion() {
        SymbolicTensor in = Input.of(2);
        Dense shared = new Dense(2, Activation.TANH);
        SymbolicTensor x = in;
        for (int i = 0; i < CHAIN; i++) {
            x = shared.apply(x);
        }

        FunctionalNetwork model = (FunctionalNetwork) Network.functional(in, x).seed(1);

        assertEquals(CHAIN + 1, model.graph().size());
        assertEquals(List.of(shared), model.layers());
    }

    @Test
    @Timeout(LINEAR_SECONDS)
    void aSequentialStackOfOneHundredThousandLayersIsNamedInLinearTime() {
        SequentialNetwork model = new SequentialNetwork(3);
        for (int i = 0; i < CHAIN; i++) {
            model.add(new ActivationLayer(Activation.RELU));
        }

        assertEquals("activation", model.layers().get(0).name());
        assertEquals("activation_" + (CHAIN - 1), model.layers().get(CHAIN - 1).name());
    }

    @Test
    void namesSkipThoseAlreadyTakenAsBefore() {
        SequentialNetwork model = new SequentialNetwork(3);
        model.add(new ActivationLayer(Activation.RELU));
        model.add(new ActivationLayer("activation_1", Activation.RELU));
        model.add(new ActivationLayer(Activation.RELU));
        model.add(new ActivationLayer(Activation.RELU));

        assertEquals(List.of("activation", "activation_1", "activation_2", "activation_3"),
                model.layers().stream().map(Layer::name).toList());
    }

    @Test
    void buildForLoadingShowsEachWeightBeforeItExistsAndMayRefuseIt() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(4), new Dense(3), new Dense(2));
        List<String> seen = new java.util.ArrayList<>();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.buildForLoading((layer, path, shape) -> {
            seen.add(path + java.util.Arrays.toString(shape));
            if (path.equals("dense_1.kernel")) {
                throw new IllegalArgumentException("refused " + path);
            }
        }));

        assertEquals("refused dense_1.kernel", e.getMessage());
        assertEquals(List.of("dense.kernel[4, 3]", "dense.bias[3]", "dense_1.kernel[3, 2]"), seen);
    }

    @Test
    void buildForLoadingCreatesZerosWithoutRunningInitializers() {
        Network model = SequentialNetwork.of(Input.of(4), new Dense(3)).buildForLoading((layer, path, shape) -> { });

        for (Parameter p : model.parameters()) {
            for (float v : p.value().toArray()) {
                assertTrue(v == 0f, p.path());
            }
        }
    }
}
