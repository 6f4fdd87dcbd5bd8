package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The code of docs/guide/11-bidirectional.md. */
class BidirectionalChapterTest {
    private static final float SAME = 1e-5f;

    @Test
    void mergeModesDecideTheWidth() {
        Tensor x = Tensor.normal(new Rng(1), 0f, 1f, 2, 7, 5);
        // tag::merge[]
        LSTM lstm = LSTM.builder().setUnits(16).optReturnSequences(true).build();
        Sequential concat = Sequential.of(Input.of(7, 5), new Bidirectional(lstm));                  // (batch, 7, 32)
        Sequential sum = Sequential.of(Input.of(7, 5), new Bidirectional(lstm, Bidirectional.MergeMode.SUM));  // (batch, 7, 16)
        long count = concat.countParams();                   // 2 · 4·(16·(5 + 16) + 16) = 2,816
        // end::merge[]
        assertArrayEquals(new int[] {2, 7, 32}, concat.predict(x, 2).shape());
        assertArrayEquals(new int[] {2, 7, 16}, sum.predict(x, 2).shape());
        assertEquals(2 * 4 * (16 * (5 + 16) + 16), count);
        assertEquals(List.of("bidirectional.forward_lstm.kernel", "bidirectional.forward_lstm.recurrent_kernel",
                "bidirectional.forward_lstm.bias", "bidirectional.backward_lstm.kernel",
                "bidirectional.backward_lstm.recurrent_kernel", "bidirectional.backward_lstm.bias"),
                List.copyOf(concat.parametersByPath().keySet()));
    }

    @Test
    void paddingIsInvisibleInBothDirections() {
        // tag::masking[]
        Sequential model = Sequential.of(Input.of(-1),                            // token ids, any length
                Embedding.builder().setInputDim(20).setOutputDim(4).optMaskZero(true).build(),
                new Bidirectional(new LSTM(3))).seed(3);                     // (batch, 6)
        Tensor alone = model.predict(Tensor.matrix(new float[][] {{5, 3, 8}}), 1);
        Tensor post = model.predict(Tensor.matrix(new float[][] {{5, 3, 8, 0, 0}}), 1);   // padded after
        Tensor pre = model.predict(Tensor.matrix(new float[][] {{0, 0, 5, 3, 8}}), 1);    // padded before
        // alone, post and pre are the same: both directions skip the padded steps
        // end::masking[]
        assertArrayEquals(alone.toArray(), post.toArray(), SAME);
        assertArrayEquals(alone.toArray(), pre.toArray(), SAME);
    }

    @Test
    void returnStateGivesEachDirectionsStates() {
        Tensor input = Tensor.normal(new Rng(2), 0f, 1f, 2, 6, 4);
        // tag::states[]
        Bidirectional encoder = new Bidirectional(LSTM.builder().setUnits(8).optReturnState(true).build());
        Sequential.of(Input.of(6, 4), encoder).build();
        List<Variable> out = encoder.callWithStates(Variable.constant(input), false, null);
        // out: the merged output (2, 16), then forward h, forward c, backward h, backward c, each (2, 8)
        // end::states[]
        assertEquals(5, out.size());
        assertArrayEquals(new int[] {2, 16}, out.get(0).shape());
        assertArrayEquals(new int[] {2, 8}, out.get(4).shape());
    }

    @Test
    void backwardLayerMayDifferFromTheForwardOne() {
        Tensor x = Tensor.normal(new Rng(4), 0f, 1f, 2, 7, 3);
        // tag::custom[]
        GRU backward = GRU.builder().setUnits(4).optGoBackwards(true).build();   // Keras' backward_layer
        Bidirectional mixed = new Bidirectional(new LSTM(6), Bidirectional.MergeMode.CONCAT, backward);
        Sequential model = Sequential.of(Input.of(7, 3), mixed);                 // (batch, 6 + 4)
        long count = model.countParams();       // 4·6·(3 + 6 + 1) + 3·4·(3 + 4 + 2) = 348, as Keras counts
        // end::custom[]
        assertArrayEquals(new int[] {2, 10}, model.predict(x, 2).shape());
        assertEquals(348, count);
        assertEquals("gru", mixed.backwardLayer().name());
    }
}
