package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Convolution1D;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.InferenceScope;
import org.neurite.autograd.TapProducts;
import org.neurite.autograd.Variable;
import org.neurite.kernels.Window1D;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Conv1D reading an Embedding's rows where they lie ({@link Conv1D#callOnRows}, the fused inference
 * path) against its composed twin, the embedded batch made by {@link Embedding#call} and convolved.
 * The direct path runs the same GEMMs on the same values, so the results are equal bit for bit; the
 * path through the table's products with each tap ({@link TapProducts}) sums the same terms in
 * another order and is equal up to rounding.
 */
class Conv1DOnEmbeddingRowsTest {
    private static final int VOCABULARY = 40;

    /** ids in [1, VOCABULARY), as floats, shape (batch, time). */
    private static Tensor ids(int seed, int batch, int time) {
        Rng rng = new Rng(seed);
        Tensor ids = Tensor.empty(batch, time);
        for (int i = 0; i < ids.size(); i++) {
            ids.data()[i] = 1 + rng.nextInt(VOCABULARY - 1);
        }
        return ids;
    }

    /** Builds embedding then conv on sequences of {@code time} ids, with a bias that is not zero. */
    private static void build(Embedding embedding, Conv1D conv, int time) {
        SequentialNetwork.of(Input.of(time), embedding, conv).seed(7).build();
        if (conv.parameters().size() > 1) {
            Tensor bias = conv.parameters().get(1).value();
            bias.copyFrom(Tensor.normal(new Rng(3), 0f, 0.1f, bias.shape()));
        }
    }

    private static void assertFusedMatchesComposed(Conv1D.Builder builder, int batch, int time, int channels) {
        Embedding embedding = new Embedding(VOCABULARY, channels);
        Conv1D conv = builder.build();
        build(embedding, conv, time);
        Variable tokens = Variable.constant(ids(batch + time, batch, time));
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor composed = conv.call(embedding.call(tokens, false), false).value();
            Tensor fused = conv.callOnRows(embedding, tokens, false).value();
            assertArrayEquals(composed.shape(), fused.shape(), conv.config()::toString);
            assertArrayEquals(composed.toArray(), fused.toArray(), 0f, conv.config()::toString);
        }
    }

    /** Equal up to float rounding, relative to the output's scale (at least 1). */
    private static void assertEqualUpToRounding(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        float scale = 1f;
        for (float v : expected.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected.toArray(), actual.toArray(), Tolerances.ROUNDING * scale);
    }

    /** W4's first layer in small, after an embedding of VOCABULARY rows: kernel 7, stride 3, relu. */
    private static Conv1D w4FirstLayer(Embedding embedding, int time) {
        Conv1D conv = Conv1D.builder().setFilters(24).setKernelSize(7).optStrides(3).optActivation(Activation.RELU).build();
        build(embedding, conv, time);
        return conv;
    }

    @Test
    void theTableOfTapProductsGivesTheComposedResultUpToRounding() {
        Embedding embedding = new Embedding(VOCABULARY, 16);
        Conv1D conv = w4FirstLayer(embedding, 120);
        Variable tokens = Variable.constant(ids(9, 16, 120));
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Tensor composed = conv.call(embedding.call(tokens, false), false).value();
            assertNotNull(TapProducts.forInference(embedding.lookupTable(), conv.parameters().get(0).value(), 16, 38),
                    "16 sequences of 38 windows over 40 rows: the products pay");
            Tensor fromProducts = conv.callOnRows(embedding, tokens).value();
            assertEqualUpToRounding(composed, fromProducts);
        }
        for (ConvPadding padding : ConvPadding.values()) {
            Conv1D padded = Conv1D.builder().setFilters(5).setKernelSize(4).optStrides(2).optPadding(padding)
                    .optActivation(Activation.TANH).build();
            Embedding table = new Embedding(VOCABULARY, 4);
            build(table, padded, 9);
            Variable few = Variable.constant(ids(4, 64, 9));
            try (Autograd.Scope noGrad = Autograd.noGrad()) {
                Tensor composed = padded.call(table.call(few, false), false).value();
                Tensor products = TapProducts.of(table.lookupTable(), padded.parameters().get(0).value());
                Tensor fromProducts = TapProducts.conv1d(products, table.lookupIds(few), padded.parameters().get(1).value(),
                        padding.window(64, 9, 4, 4, 2, 1), FusedActivation.TANH);
                assertEqualUpToRounding(composed, fromProducts);
            }
        }
    }

    @Test
    void anInferenceScopeMakesTheProductsOnceAndALaterScopeSeesChangedWeights() {
        Embedding embedding = new Embedding(VOCABULARY, 16);
        Conv1D conv = w4FirstLayer(embedding, 120);
        Variable tokens = Variable.constant(ids(10, 16, 120));
        Tensor table = embedding.lookupTable();
        Tensor kernel = conv.parameters().get(0).value();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            try (InferenceScope run = InferenceScope.open(16)) {
                assertSame(TapProducts.forInference(table, kernel, 16, 38), TapProducts.forInference(table, kernel, 16, 38));
            }
            // written in place, as an optimizer or a loader writes them: one table row and one kernel value
            table.data()[table.offset() + 16 * (int) tokens.value().data()[0]] += 0.5f;
            kernel.data()[kernel.offset() + 3] -= 0.25f;
            try (InferenceScope run = InferenceScope.open(16)) {
                assertEqualUpToRounding(conv.callOnRows(embedding, tokens, false).value(),
                        conv.callOnRows(embedding, tokens).value());
            }
        }
    }

    @Test
    void aSingleSequenceOutsideARunTakesTheDirectPath() {
        Embedding embedding = new Embedding(VOCABULARY, 16);
        Conv1D conv = w4FirstLayer(embedding, 120);
        Tensor table = embedding.lookupTable();
        Tensor kernel = conv.parameters().get(0).value();
        assertNull(TapProducts.forInference(table, kernel, 1, 38), "38 windows cannot pay for 40 rows of products");
        try (InferenceScope run = InferenceScope.open(1000)) {
            assertNotNull(TapProducts.forInference(table, kernel, 1, 38), "a run of 1,000 sequences can");
        }
    }

    @Test
    void readingTheRowsInPlaceGivesTheComposedResultForEveryPaddingGroupsAndActivation() {
        assertFusedMatchesComposed(Conv1D.builder().setFilters(5).setKernelSize(3), 2, 9, 4);
        assertFusedMatchesComposed(Conv1D.builder().setFilters(5).setKernelSize(4).optStrides(2)
                .optPadding(ConvPadding.SAME).optActivation(Activation.TANH), 3, 9, 4);
        assertFusedMatchesComposed(Conv1D.builder().setFilters(3).setKernelSize(3).optDilationRate(2)
                .optPadding(ConvPadding.CAUSAL), 2, 8, 4);
        assertFusedMatchesComposed(Conv1D.builder().setFilters(6).setKernelSize(2).optGroups(3).optUseBias(false)
                .optPadding(ConvPadding.SAME).optActivation(Activation.ELU), 2, 7, 6);
    }

    @Test
    void readingTheRowsInPlaceGivesTheComposedResultOnABatchSplitAcrossThreads() {
        // W4's first layer in small: kernel 7, stride 3, relu; 16 sequences of 120 steps
        assertFusedMatchesComposed(Conv1D.builder().setFilters(24).setKernelSize(7).optStrides(3)
                .optActivation(Activation.RELU), 16, 120, 16);
    }

    @Test
    void aSequentialNetworkAtInferenceGivesTheLayerByLayerOutput() {
        SequentialNetwork network = SequentialNetwork.of(Input.of(30),
                Embedding.builder().setInputDim(VOCABULARY).setOutputDim(8).optMaskZero(true).build(),
                new Dropout(0.5f),
                new SpatialDropout1D(0.3f),
                Conv1D.builder().setFilters(6).setKernelSize(3).optStrides(2).optActivation(Activation.RELU).build(),
                Conv1D.builder().setFilters(6).setKernelSize(3).optStrides(2).optActivation(Activation.RELU).build(),
                new GlobalMaxPooling1D(),
                new Dense(1, Activation.SIGMOID)).seed(11);
        network.build();
        Tensor tokens = ids(5, 4, 30);
        tokens.data()[7] = 0;   // a padding id: the mask is dropped by Conv1D on both paths
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            Variable layerByLayer = Variable.constant(tokens);
            for (Layer layer : network.layers()) {
                layerByLayer = layer.call(layerByLayer, false);
            }
            Tensor fused = network.callAll(List.of(Variable.constant(tokens)), false).get(0).value();
            assertArrayEquals(layerByLayer.value().toArray(), fused.toArray(), 0f);
        }
    }

    @Test
    void aBadIdOnTheFusedPathIsRefusedNamingTheEmbedding() {
        SequentialNetwork network = SequentialNetwork.of(Input.of(10), new Embedding(VOCABULARY, 4),
                new Dropout(0.5f), new Conv1D(3, 3));
        Tensor tokens = ids(2, 1, 10);
        tokens.data()[4] = VOCABULARY;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> network.callAll(List.of(Variable.constant(tokens)), false)).getMessage();
            assertTrue(message.contains("Embedding") && message.contains("token id " + VOCABULARY)
                    && message.contains("[0, 4]"), message);
        }
    }

    @Test
    void rowsOfATableOfTheWrongWidthAreRefused() {
        Window1D window = new Window1D(1, 5, 4, 3, 1, 1, 0, 3);
        String message = assertThrows(IllegalArgumentException.class, () -> Convolution1D.conv1dOfRows(
                Tensor.zeros(10, 3), new int[5], Tensor.zeros(3, 4, 2), null, window, 1, FusedActivation.LINEAR))
                .getMessage();
        assertTrue(message.contains("(rows, 4)") && message.contains("[10, 3]"), message);
    }
}
