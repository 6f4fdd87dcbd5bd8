package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

/** A model file is a pure function of the run: two identically seeded runs save the same bytes. */
class ModelFileDeterminismTest {
    private static final Tensor X = ModelFileFixtures.randomInput(11, 32, 5);
    private static final Tensor Y = ModelFileFixtures.randomInput(12, 32, 2);
    private static final List<String> TEXTS = List.of("one two three", "two three four", "three four five six");

    @TempDir
    Path dir;

    @Test
    void twoIdenticallySeededRunsSaveIdenticalBytes() throws IOException {
        byte[] first = Files.readAllBytes(trainAndSave("first.neurite"));
        byte[] second = Files.readAllBytes(trainAndSave("second.neurite"));

        assertArrayEquals(first, second);
    }

    @Test
    void optimizerStateFollowsTheModelsWeightOrder() throws IOException {
        String header = ModelFileFixtures.header(trainAndSave("state.neurite"));
        List<String> names = java.util.regex.Pattern.compile("\"name\" : \"([a-z_0-9.]+/[0-9])\"").matcher(header)
                .results().map(m -> m.group(1)).toList();

        assertEquals(List.of("dense.kernel/0", "dense.kernel/1", "dense.bias/0", "dense.bias/1",
                "dense_1.kernel/0", "dense_1.kernel/1", "dense_1.bias/0", "dense_1.bias/1",
                "dense_2.kernel/0", "dense_2.kernel/1", "dense_2.bias/0", "dense_2.bias/1"), names);
    }

    @Test
    void metadataKeepsTheCallersOrderOrIsSortedWhenItHasNone() throws IOException {
        Path file = dir.resolve("meta.neurite");
        ModelFile.save(model(), null, Map.of("b", "2", "c", "3", "a", "1"), file);
        assertEquals(List.of("a", "b", "c"), List.copyOf(ModelFile.load(file).metadata().keySet()));

        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("z", "1");
        ordered.put("y", "2");
        ModelFile.save(model(), null, ordered, file);
        assertEquals(List.of("z", "y"), List.copyOf(ModelFile.load(file).metadata().keySet()));
    }

    private Path trainAndSave(String name) throws IOException {
        Network model = model();
        Trainer trainer = Trainer.compile(model, new Adam(0.01f), Losses.meanSquaredError());
        trainer.fit(X, Y, FitOptions.builder().batchSize(8).epochs(2).build());
        TextVectorization vectorizer = TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(TEXTS);
        Path file = dir.resolve(name);
        ModelFile.save(model, trainer.optimizer(), Map.of("data", "x", "recipe", "y", "epochs", "2"), vectorizer.state(), file);
        return file;
    }

    private static Network model() {
        return SequentialNetwork.of(Input.of(5), new Dense(8, Activation.TANH), new Dense(4, Activation.RELU), new Dense(2))
                .seed(2026).build();
    }
}
