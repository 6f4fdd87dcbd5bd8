package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * In prediction a recurrent layer after an Embedding runs on the token ids (the table projected
 * once, see TokenInputs); the network's outputs and masks must be those of the layers called one
 * after the other with a tape, and a bad id must still be the Embedding's error.
 */
class EmbeddedRecurrenceTest {
    private static final int VOCABULARY = 30;
    private static final int TIME = 6;
    private static final int SAMPLES = 50;

    private static SequentialNetwork network(String cell, boolean sequences) {
        Layer recurrent = switch (cell) {
            case "lstm" -> LSTM.builder().setUnits(8).optReturnSequences(sequences).build();
            default -> GRU.builder().setUnits(8).optReturnSequences(sequences).build();
        };
        return SequentialNetwork.of(Input.of(TIME),
                Embedding.builder().setInputDim(VOCABULARY).setOutputDim(5).optMaskZero(true).build(),
                recurrent, sequences ? new GlobalAveragePooling1D() : new Dense(3, "softmax")).seed(3);
    }

    private static Tensor ids(Rng rng) {
        Tensor ids = Tensor.empty(SAMPLES, TIME);
        for (int p = 0; p < SAMPLES; p++) {
            int length = 1 + p % TIME;
            for (int t = 0; t < length; t++) {
                ids.set(1 + rng.nextInt(VOCABULARY - 1), p, TIME - length + t);   // padded in front with 0
            }
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void predictionOnTokenIdsEqualsTheLayersOneAfterTheOther(String cell) {
        for (boolean sequences : new boolean[] {false, true}) {
            SequentialNetwork model = network(cell, sequences);
            Tensor x = ids(new Rng(8));
            Tensor layered = model.call(Variable.constant(x), false).value();   // with a tape: one layer at a time
            assertArrayEquals(layered.toArray(), model.predict(x, 16).toArray(), cell + " sequences=" + sequences);
            assertArrayEquals(layered.toArray(), model.predict(x, SAMPLES).toArray(), cell + " sequences=" + sequences);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void theOutputMaskIsTheEmbeddingsMask(String cell) {
        SequentialNetwork model = SequentialNetwork.of(Input.of(TIME),
                Embedding.builder().setInputDim(VOCABULARY).setOutputDim(5).optMaskZero(true).build(),
                cell.equals("lstm") ? LSTM.builder().setUnits(8).optReturnSequences(true).build()
                        : GRU.builder().setUnits(8).optReturnSequences(true).build()).seed(4);
        Tensor x = ids(new Rng(9));
        Variable layered = model.call(Variable.constant(x), false);
        Variable joint;
        try (var noGrad = org.neurite.autograd.Autograd.noGrad()) {
            joint = model.call(Variable.constant(x), false);
        }
        assertNotNull(joint.mask());
        assertArrayEquals(layered.mask().toArray(), joint.mask().toArray());
        assertArrayEquals(layered.value().toArray(), joint.value().toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void aBadTokenIdIsStillTheEmbeddingsError(String cell) {
        SequentialNetwork model = network(cell, false);
        Tensor x = ids(new Rng(10));
        x.set(VOCABULARY, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(x, 16));
        assertTrue(e.getMessage().contains("token id " + VOCABULARY + " at position [2, 1]"), e.getMessage());
    }
}
