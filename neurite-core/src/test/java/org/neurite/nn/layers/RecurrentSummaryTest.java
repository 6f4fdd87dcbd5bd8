package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;

/** Summaries of recurrent models against the counts Keras prints for the same models. */
class RecurrentSummaryTest {
    @Test
    void embeddingLstmDenseMatchesKeras() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1), new Embedding(10_000, 64), new LSTM(64), new Dense(1));
        String expected = """
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ embedding (Embedding)           │ (None, None, 64)       │       640,000 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ lstm (LSTM)                     │ (None, 64)             │        33,024 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense (Dense)                   │ (None, 1)              │            65 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 673,089 (2.57 MB)
                 Trainable params: 673,089 (2.57 MB)
                 Non-trainable params: 0 (0.00 B)
                """;
        assertEquals(expected, model.summary());
    }

    @Test
    void gruBidirectionalAndSimpleRnnCountsMatchKeras() {
        assertEquals(24_960, SequentialNetwork.of(Input.of(-1, 64), new GRU(64)).countParams());
        assertEquals(3 * (64 * (64 + 64) + 64), SequentialNetwork.of(Input.of(-1, 64),
                GRU.builder().setUnits(64).optResetAfter(false).build()).countParams());
        assertEquals(66_048, SequentialNetwork.of(Input.of(-1, 64), new Bidirectional(new LSTM(64))).countParams());
        assertEquals(1_312, SequentialNetwork.of(Input.of(-1, 8), new SimpleRNN(32)).countParams());
    }

    @Test
    void stackedBidirectionalSummaryShowsTheMergedWidth() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1),
                new Embedding(10_000, 64),
                new Bidirectional(LSTM.builder().setUnits(64).optReturnSequences(true).build()),
                new Bidirectional(new GRU(32)),
                new Dense(1));
        String summary = model.summary();
        assertEquals(true, summary.contains("│ bidirectional (Bidirectional)   │ (None, None, 128)      │        66,048 │"),
                summary);
        // GRU(32) on 128 inputs, reset_after: 3·(32·(128 + 32) + 2·32) = 15,552, twice.
        assertEquals(true, summary.contains("│ bidirectional_1 (Bidirectional) │ (None, 64)             │        31,104 │"),
                summary);
    }
}
