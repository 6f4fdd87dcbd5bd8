package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;

class SummaryTest {
    @Test
    void mnistMlpSummaryShowsKerasCounts() {
        SequentialNetwork mlp = SequentialNetwork.of(Input.of(28, 28), new Flatten(), new Dense(256, Activation.RELU),
                new Dense(128, Activation.RELU), new Dense(10, Activation.SOFTMAX));
        String summary = mlp.summary();
        String expected = """
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ flatten (Flatten)               │ (None, 784)            │             0 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense (Dense)                   │ (None, 256)            │       200,960 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 128)            │        32,896 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_2 (Dense)                 │ (None, 10)             │         1,290 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 235,146 (918.54 KB)
                 Trainable params: 235,146 (918.54 KB)
                 Non-trainable params: 0 (0.00 B)
                """;
        assertEquals(expected, summary);
    }

    @Test
    void functionalSummaryListsInputsAndLayers() {
        SymbolicTensor in = Input.of(784);
        SymbolicTensor out = new Dense(10, Activation.SOFTMAX).apply(new Dense(64, Activation.RELU).apply(in));
        String summary = Network.functional(in, out).summary();
        assertTrue(summary.contains("input (InputLayer)"), summary);
        assertTrue(summary.contains(" Total params: 50,890 "), summary);
    }
}
