package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.BatchNormalization;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.ConvPadding;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalMaxPooling1D;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.MaxPooling1D;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The code of docs/guide/15-convolutions-for-text.md. */
class ConvolutionChapterTest {
    private static final float SAME = 1e-5f;

    @Test
    void aConvolutionSlidesOneKernelOverTime() {
        // tag::conv[]
        Conv1D trigrams = new Conv1D(8, 3, Activation.RELU);                 // 8 filters, 3 steps wide
        Network model = SequentialNetwork.of(Input.of(10, 4), trigrams);     // (batch, 10 - 3 + 1, 8)
        long count = model.countParams();                                    // 3·4·8 + 8 = 104
        Conv1D causal = Conv1D.builder().setFilters(8).setKernelSize(3)
                .optPadding(ConvPadding.CAUSAL).optDilationRate(2).build();   // (batch, 10, 8), sees only the past
        // end::conv[]
        assertArrayEquals(new int[] {2, 8, 8}, model.predict(Tensor.normal(new Rng(1), 0f, 1f, 2, 10, 4), 2).shape());
        assertEquals(104, count);
        assertArrayEquals(new int[] {3, 4, 8}, trigrams.parameters().get(0).value().shape());
        assertArrayEquals(new int[] {10, 8}, causal.outputShape(new int[] {10, 4}));
    }

    @Test
    void theConvolutionalTextClassifierOfKerasIo() {
        // tag::model[]
        Network model = SequentialNetwork.of(Input.of(500),                  // token ids
                new Embedding(20000, 128),
                new Dropout(0.5f),
                Conv1D.builder().setFilters(128).setKernelSize(7).optStrides(3).optActivation(Activation.RELU).build(),
                Conv1D.builder().setFilters(128).setKernelSize(7).optStrides(3).optActivation(Activation.RELU).build(),
                new GlobalMaxPooling1D(),
                new Dense(128, Activation.RELU),
                new Dropout(0.5f),
                new Dense(1, Activation.SIGMOID));
        // time: 500 -> (500 - 7)/3 + 1 = 165 -> (165 - 7)/3 + 1 = 53 -> pooled away
        // end::model[]
        String summary = model.summary();
        assertTrue(summary.contains("(None, 165, 128)") && summary.contains("(None, 53, 128)"), summary);
        assertEquals(20000 * 128 + 2 * (7 * 128 * 128 + 128) + 128 * 128 + 128 + 129, model.countParams());
    }

    @Test
    void poolingShortensSequences() {
        Tensor x = Tensor.normal(new Rng(2), 0f, 1f, 1, 9, 2);
        // tag::pool[]
        MaxPooling1D pool = new MaxPooling1D();                               // windows of 2, stride 2
        Tensor halved = pool.call(Variable.constant(x), false).value();       // (1, 9, 2) -> (1, 4, 2)
        // end::pool[]
        assertArrayEquals(new int[] {1, 4, 2}, halved.shape());
        assertEquals(Math.max(x.get(0, 0, 1), x.get(0, 1, 1)), halved.get(0, 0, 1));
    }

    @Test
    void batchNormalizationBehavesDifferentlyInTraining() {
        Tensor x = Tensor.normal(new Rng(3), 3f, 2f, 16, 5, 4);
        // tag::norm[]
        BatchNormalization bn = new BatchNormalization();
        Network model = SequentialNetwork.of(Input.of(5, 4), new LayerNormalization(), bn);
        String summary = model.summary();                     // Non-trainable params: 8 (moving mean and variance)
        Tensor training = bn.call(Variable.constant(x), true).value();     // the batch's own statistics
        Tensor inference = bn.call(Variable.constant(x), false).value();   // the moving statistics
        // end::norm[]
        assertTrue(summary.contains(" Non-trainable params: 8 "), summary);
        assertEquals(0f, training.mean().item(), SAME);
        assertNotEquals(training.get(0, 0, 0), inference.get(0, 0, 0));
    }
}
