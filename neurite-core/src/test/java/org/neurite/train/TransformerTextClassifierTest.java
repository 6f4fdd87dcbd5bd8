package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Add;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * keras.io's "Text classification with Transformer" (the workload W3), built from the public
 * layers as that example builds it: its parameter count is Keras', and one training step runs and
 * changes every weight.
 */
class TransformerTextClassifierTest {
    private static final int VOCABULARY = 20000;
    private static final int MAXLEN = 200;
    private static final int EMBED = 32;

    /** The example's TransformerBlock: attention and a feed-forward network, each with dropout, a residual and a norm. */
    private static SymbolicTensor transformerBlock(SymbolicTensor x) {
        SymbolicTensor attention = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(EMBED).build().apply(x, x);
        attention = new Dropout(0.1f).apply(attention);
        SymbolicTensor out1 = LayerNormalization.builder().optEpsilon(1e-6f).build().apply(new Add().apply(x, attention));
        SymbolicTensor ffn = new Dense(EMBED, Activation.RELU).apply(out1);
        ffn = new Dropout(0.1f).apply(new Dense(EMBED).apply(ffn));
        return LayerNormalization.builder().optEpsilon(1e-6f).build().apply(new Add().apply(out1, ffn));
    }

    private static Network classifier() {
        SymbolicTensor ids = Input.of(MAXLEN);
        SymbolicTensor x = new TokenAndPositionEmbedding(VOCABULARY, MAXLEN, EMBED).apply(ids);   // (batch, 200, 32)
        x = new GlobalAveragePooling1D().apply(transformerBlock(x));                            // (batch, 32)
        x = new Dense(20, Activation.RELU).apply(new Dropout(0.1f).apply(x));
        SymbolicTensor probabilities = new Dense(2, Activation.SOFTMAX).apply(new Dropout(0.1f).apply(x));
        return Network.functional(ids, probabilities).seed(7).build();
    }

    @Test
    void parameterCountIsKeras() {
        assertEquals(657_758, classifier().countParams());
    }

    @Test
    void oneTrainingStepRunsAndChangesEveryWeight() {   // but the key bias, whose gradient is zero under a softmax
        Network model = classifier();
        Rng rng = new Rng(3);
        int batch = 4;
        Tensor ids = Tensor.zeros(batch, MAXLEN);
        Tensor labels = Tensor.zeros(batch);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < MAXLEN; t++) {
                ids.set(rng.nextInt(VOCABULARY), i, t);
            }
            labels.set(i % 2, i);
        }
        List<Tensor> before = model.getWeights();
        Trainer trainer = Trainer.compile(model, new Adam(1e-3f), Losses.sparseCategoricalCrossentropy());
        Map<String, Double> logs = trainer.trainOnBatch(ids, labels);
        assertTrue(Double.isFinite(logs.get("loss")), logs::toString);
        List<Tensor> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            if (model.parameters().get(i).path().endsWith("key.bias")) {
                continue;   // q·b_k shifts every score of a query alike, so softmax cancels it exactly
            }
            assertFalse(java.util.Arrays.equals(before.get(i).toArray(), after.get(i).toArray()),
                    "weight " + model.parameters().get(i).path() + " did not change");
        }
    }
}
