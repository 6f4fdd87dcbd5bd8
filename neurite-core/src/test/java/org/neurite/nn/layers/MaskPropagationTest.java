package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Tensor;

/** Which layers carry Keras' timestep mask on to the next layer. */
class MaskPropagationTest {
    private static final Tensor IDS = Tensor.of(new float[] {4, 2, 0, 0, 1, 3, 5, 0}, 2, 4);
    private static final float[] REAL = {1, 1, 0, 0, 1, 1, 1, 0};

    private static Embedding maskingEmbedding() {
        return Embedding.builder().setInputDim(6).setOutputDim(3).optMaskZero(true).build();
    }

    @Test
    void denseDropoutActivationAndTimeDistributedPassTheMaskOn() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(4), maskingEmbedding(), new Dense(5, Activation.TANH),
                new Dropout(0.5f), new ActivationLayer(Activation.RELU), new TimeDistributed(new Dense(2)));
        for (boolean training : new boolean[] {false, true}) {
            Variable out = model.call(Variable.constant(IDS), training);
            assertArrayEquals(REAL, out.mask().toArray());
        }
    }

    @Test
    void maskingLayerSetsTheMaskAndPoolingConsumesIt() {
        Tensor x = Tensor.of(new float[] {1, 0, 0, 0, 2, 2}, 1, 3, 2);
        Variable masked = new Masking().call(Variable.constant(x), false);
        Variable pooled = new GlobalAveragePooling1D().call(masked, false);
        assertArrayEquals(new float[] {1.5f, 1f}, pooled.value().toArray());
        assertNull(pooled.mask());
    }

    @Test
    void maskSurvivesInferenceDropoutUnchanged() {
        Tensor mask = Tensor.of(REAL, 2, 4);
        Variable x = Variable.constant(Tensor.ones(2, 4, 3)).withMask(mask);
        assertSame(mask, new Dropout(0.3f).call(x, false).mask());
    }
}
