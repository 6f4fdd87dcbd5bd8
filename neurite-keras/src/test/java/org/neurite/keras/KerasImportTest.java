package org.neurite.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.io.LoadedModel;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Keras 3 models saved by make_fixtures.py (beside the fixtures) are imported and predict what Keras
 * predicted for the recorded inputs.
 */
class KerasImportTest {
    static Path fixture(String name) {
        try {
            return Path.of(KerasImportTest.class.getResource("/keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist_mlp", "imdb_lstm", "gru_reset_after", "gru_reset_before", "bidirectional_concat",
            "bidirectional_sum", "bidirectional_mul", "bidirectional_ave", "bidirectional_none",
            "bidirectional_custom_concat", "bidirectional_custom_sum", "two_in_two_out", "functional_masks", "conv1d",
            "attention", "transformer"})
    void importedKerasArchivePredictsWhatKerasPredicted(String name) throws IOException {
        LoadedModel loaded = KerasFiles.load(fixture(name + ".keras"));
        Map<String, Tensor> cases = Npz.read(fixture(name + ".npz"));
        Parity parity = Parity.check(loaded.model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
        assertEquals("keras", loaded.metadata().get("format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy_mlp", "keras2_two_in_two_out"})
    void importedLegacyH5PredictsWhatKerasPredicted(String name) throws IOException {
        LoadedModel loaded = KerasFiles.load(fixture(name + ".h5"));
        Parity parity = Parity.check(loaded.model(), Npz.read(fixture(name + ".npz")));
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, name + ": " + parity.outputs());
        assertEquals("h5", loaded.metadata().get("format"));
    }
}
