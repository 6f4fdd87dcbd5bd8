package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The code of docs/guide/03-deep-feed-forward.md: two ways to write one network, and its parameter count. */
class DeepFeedForwardChapterTest {
    private static final float SAME_WEIGHTS_SAME_OUTPUTS = 0f;

    @Test
    void theFunctionalAndSequentialFormsDescribeTheSameNetwork() {
        // tag::functional[]
        SymbolicTensor inputs = Input.of(20);                                    // (batch, 20)
        SymbolicTensor h1 = new Dense(64, "relu").apply(inputs);        // (batch, 64)
        SymbolicTensor h2 = new Dense(32, "relu").apply(h1);            // (batch, 32)
        SymbolicTensor outputs = new Dense(1, "sigmoid").apply(h2);     // (batch, 1)
        Model functional = new Model(inputs, outputs).seed(1);
        // end::functional[]

        // tag::sequential[]
        Sequential sequential = Sequential.of(Input.of(20),
                new Dense(64, "relu"),
                new Dense(32, "relu"),
                new Dense(1, "sigmoid")).seed(1);
        // end::sequential[]

        // tag::predict[]
        Tensor x = Tensor.uniform(new Rng(3), -1f, 1f, 5, 20);                  // (batch, features) = (5, 20)
        Tensor p = sequential.predict(x, 32);                                   // (5, 1): one probability per row
        // end::predict[]
        assertArrayEquals(new int[] {5, 1}, p.shape());
        // The same layers built from the same seed get the same weights, so the two forms agree exactly.
        assertArrayEquals(p.toArray(), functional.predict(x, 32).toArray(), SAME_WEIGHTS_SAME_OUTPUTS);
        assertEquals(sequential.countParams(), functional.countParams());
    }

    @Test
    void parametersCountedByHandMatchTheModel() {
        Sequential model = Sequential.of(Input.of(20),
                new Dense(64, "relu"),
                new Dense(32, "relu"),
                new Dense(1, "sigmoid")).seed(1);
        // tag::count[]
        model.build();                                      // creates the weights, so that they can be counted
        int[] widths = {20, 64, 32, 1};                     // input features, then each layer's units
        long total = 0;
        for (int i = 1; i < widths.length; i++) {
            long byHand = (long) widths[i] * (widths[i - 1] + 1);     // units·(in + 1): weights + one bias each
            Layer layer = model.layers().get(i - 1);
            System.out.println(layer.name() + ": " + byHand + " by hand, " + layer.countParams() + " counted");
            total += byHand;
        }
        System.out.println("total: " + total + " by hand, " + model.countParams() + " counted");   // 3457
        // end::count[]
        for (int i = 1; i < widths.length; i++) {
            assertEquals((long) widths[i] * (widths[i - 1] + 1), model.layers().get(i - 1).countParams());
        }
        assertEquals(3457, total);
        assertEquals(total, model.countParams());
    }

    @Test
    void summaryShowsShapesAndCounts() {
        Sequential model = Sequential.of(Input.of(20),
                new Dense(64, "relu"),
                new Dense(32, "relu"),
                new Dense(1, "sigmoid"));
        // tag::print-summary[]
        System.out.println(model.summary());
        // end::print-summary[]
        // tag::summary[]
        String expected = """
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ dense (Dense)                   │ (None, 64)             │         1,344 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 32)             │         2,080 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_2 (Dense)                 │ (None, 1)              │            33 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 3,457 (13.50 KB)
                 Trainable params: 3,457 (13.50 KB)
                 Non-trainable params: 0 (0.00 B)
                """;
        // end::summary[]
        assertEquals(expected, model.summary());
    }
}
