package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;
import static org.neurite.testing.GradientAssertions.assertWeightGradientsMatch;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Regularizer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

class EmbeddingTest {
    private static final int[] IDS = {3, 1, 3, 0, 4, 3};
    private static final int[] IDS_SHAPE = {2, 3};

    private static Embedding built(Embedding layer, int... inputShape) {
        layer.build(List.of(inputShape), new Rng(7));
        return layer;
    }

    private static Tensor ids(float... values) {
        return Tensor.of(values, 2, values.length / 2);
    }

    @Test
    void looksUpRowsOfTheTable() {
        Embedding layer = built(new Embedding(5, 4), 3);
        Tensor out = layer.call(Variable.constant(ids(3, 1, 3, 0, 4, 3)), false).value();
        assertArrayEquals(new int[] {2, 3, 4}, out.shape());
        Tensor table = layer.parameters().get(0).value();
        Tensor rows = out.reshape(6, 4);
        for (int i = 0; i < IDS.length; i++) {
            assertArrayEquals(table.row(IDS[i]).toArray(), rows.row(i).toArray());
        }
    }

    @Test
    void hasKerasParameterCountShapeAndName() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(200), new Embedding(20000, 128));
        model.build();
        assertEquals(2_560_000, model.countParams());
        assertArrayEquals(new int[] {200, 128}, model.outputShapes().get(0));
        assertEquals("embedding.embeddings", model.parameters().get(0).path());
    }

    @Test
    void startsUniformInKerasRange() {
        Tensor table = built(new Embedding(100, 10), 3).parameters().get(0).value();
        float[] values = table.toArray();
        for (float v : values) {
            assertTrue(v >= -0.05f && v < 0.05f, "value " + v);
        }
    }

    @Test
    void maskZeroMarksPaddingIds() {
        Embedding layer = built(Embedding.builder().setInputDim(5).setOutputDim(2).optMaskZero(true).build(), 3);
        Variable out = layer.call(Variable.constant(ids(3, 1, 0, 2, 0, 0)), false);
        assertArrayEquals(new float[] {1, 1, 0, 1, 0, 0}, out.mask().toArray());
        assertArrayEquals(new int[] {2, 3}, out.mask().shape());
        assertNull(built(new Embedding(5, 2), 3).call(Variable.constant(ids(3, 1, 0, 2, 0, 0)), false).mask());
    }

    @Test
    void rejectsIdsOutsideTheVocabularyNamingLayerIdAndPosition() {
        Embedding layer = built(Embedding.builder().setInputDim(5).setOutputDim(2).optName("words").build(), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.call(Variable.constant(ids(1, 2, 3, 4, 5, 0)), false));
        assertTrue(e.getMessage().contains("'words'") && e.getMessage().contains("token id 5 at position [1, 1]")
                && e.getMessage().contains("[0, 5)"), e.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> layer.call(Variable.constant(ids(1, 2.5f, 3, 4, 1, 0)), false));
        assertTrue(fraction.getMessage().contains("token id 2.5 at position [0, 1]"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.call(Variable.constant(ids(-1, 2, 3, 4, 1, 0)), false));
    }

    @Test
    void rejectsEmptyVocabularyOrWidth() {
        assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 0));
    }

    @Test
    void tableGradientMatchesFiniteDifferencesWithRepeatedIds() {
        Tensor table = Tensor.normal(new Rng(3), 0f, 1f, 5, 4);
        assertGradientsMatch(v -> Reshaping.gather(v[0], IDS, IDS_SHAPE).tanh(), table);
    }

    @Test
    void layerWeightGradientMatchesFiniteDifferencesWithRepeatedIds() {
        Embedding layer = built(new Embedding(5, 4), 3);
        Variable ids = Variable.constant(ids(3, 1, 3, 0, 4, 3));
        assertWeightGradientsMatch(layer.parameters(), () -> layer.call(ids, true).tanh());
    }

    @Test
    void tableGradientAddsToOtherUsesOfTheTable() {
        Tensor table = Tensor.normal(new Rng(4), 0f, 1f, 5, 4);
        // The table is a leaf used twice: rows scatter-added directly plus a dense path through a product.
        assertGradientsMatch(v -> Reshaping.gather(v[0], IDS, IDS_SHAPE).tanh().sum()
                .add(v[0].mul(v[0]).sum().mul(0.5f)), table);
        // A table computed by an operation takes the dense scatter-add path.
        assertGradientsMatch(v -> Reshaping.gather(v[0].mul(2f), IDS, IDS_SHAPE).tanh(), table);
    }

    @Test
    void layerGradientCountsEachLookupAndAccumulates() {
        Embedding layer = built(new Embedding(5, 2), 3);
        Variable out = layer.call(Variable.constant(ids(3, 1, 3, 0, 4, 3)), true);
        out.sum().backward();
        Tensor grad = layer.parameters().get(0).grad();
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 3, 3, 1, 1}, grad.toArray());
        layer.call(Variable.constant(ids(2, 2, 2, 2, 2, 2)), true).sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 1, 6, 6, 3, 3, 1, 1}, grad.toArray());
    }

    @Test
    void configHasKerasKeysAndMakesTheSameLayer() {
        Embedding layer = Embedding.builder().setInputDim(1000).setOutputDim(64).optMaskZero(true)
                .optEmbeddingsRegularizer(Regularizer.l2(1e-4f)).optName("tokens").build();
        Map<String, Object> config = layer.config();
        assertEquals(List.of("name", "input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
                "mask_zero"), List.copyOf(config.keySet()));
        assertEquals("random_uniform", config.get("embeddings_initializer"));
        Embedding again = Embedding.builder().optName((String) config.get("name"))
                .setInputDim((Integer) config.get("input_dim")).setOutputDim((Integer) config.get("output_dim"))
                .optEmbeddingsRegularizer((Regularizer) config.get("embeddings_regularizer"))
                .optMaskZero((Boolean) config.get("mask_zero")).build();
        assertEquals(config, again.config());
    }
}
