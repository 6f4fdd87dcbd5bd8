package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Files written before the model object existed (fixtures/model-files-v1, made by the program in its
 * README with the earlier code) load through {@link Model#load} and predict what that code printed
 * (exactly for the MLP; the text and bidirectional models within rounding, below); the text model comes back with its
 * vectorizer and reads raw texts.
 */
class SavedByEarlierVersionTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SavedByEarlierVersionTest.class.getResource("/fixtures/model-files-v1/" + name).toURI());
    }

    @Test
    void mlpSavedByTheEarlierVersionPredictsAsItDid() throws Exception {
        Model model = Model.load(fixture("mlp-v1.neurite"));
        Tensor x = Tensor.of(new float[] {0.5f, -1f, 2f, 1f, 0f, -0.25f}, 2, 3);

        assertArrayEquals(new float[] {0.24414532f, 0.75585467f, 0.5439926f, 0.45600742f}, model.predict(x).toArray());
        assertEquals(7, model.seed());
    }

    @Test
    void textModelSavedByTheEarlierVersionReadsRawTexts() throws IOException, URISyntaxException {
        Model model = Model.load(fixture("text-v1.neurite"));

        assertEquals(List.of("", "[UNK]", "great", "movie", "dull", "a", "story", "long", "and", "acting"),
                model.vectorizer().orElseThrow().getVocabulary());
        // Within rounding: the sigmoid of a batch shorter than a vector now runs the vector code, as
        // every other element does, where the earlier code ran the scalar twin (1 ulp apart here).
        assertArrayEquals(new float[] {0.49703917f, 0.50493103f},
                model.predict(List.of("a great story", "dull movie")).toArray(), Tolerances.ROUNDING);
        assertEquals(Map.of("recipe", "fixture"), model.metadata());
    }

    @Test
    void bidirectionalModelSavedBeforeCustomBackwardLayersPredictsAsItDid() throws Exception {
        Model model = Model.load(fixture("bidirectional-v1.neurite"));
        Tensor ids = Tensor.of(new float[] {3, 7, 11, 0, 0, 5, 2, 9, 1, 4}, 2, 5);

        // Within rounding, as the text model above: the gates' sigmoid and tanh over arrays shorter than
        // a vector now run the vector code.
        assertArrayEquals(new float[] {0.50070345f, 0.49628398f}, model.predict(ids).toArray(), Tolerances.ROUNDING);
        assertEquals(List.of("bidirectional.forward_lstm.kernel", "bidirectional.forward_lstm.recurrent_kernel",
                "bidirectional.forward_lstm.bias", "bidirectional.backward_lstm.kernel",
                "bidirectional.backward_lstm.recurrent_kernel", "bidirectional.backward_lstm.bias"),
                model.parametersByPath().keySet().stream().filter(p -> p.startsWith("bidirectional."))
                        .toList());
    }
}
