package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

/**
 * {@link ModelFile#loadForPrediction}: the same model as a full load, without the optimizer's values,
 * and no weaker against damaged or forged files.
 */
class ModelFileLoadForPredictionTest {
    @TempDir
    Path dir;

    private Path file;
    private Network saved;
    private Tensor x;

    /** A model trained a few steps with Adam, saved with the optimizer's state after its weights. */
    @BeforeEach
    void saveTrainedModel() throws IOException {
        saved = ModelFileFixtures.sequential(11);
        Trainer trainer = Trainer.compile(saved, new Adam(0.01f), Losses.meanSquaredError());
        for (int step = 0; step < 3; step++) {
            trainer.trainOnBatch(ModelFileFixtures.randomInput(step, 8, 4, 3), Tensor.full(0.2f, 8, 5));
        }
        file = dir.resolve("model.neurite");
        ModelFile.save(saved, trainer.optimizer(), Map.of("recipe", "test"), file);
        x = ModelFileFixtures.randomInput(99, 6, 4, 3);
    }

    @Test
    void predictionLoadPredictsBitIdenticallyToAFullLoad() throws IOException {
        LoadedModel full = ModelFile.load(file);
        LoadedModel forPrediction = ModelFile.loadForPrediction(file);

        assertArrayEquals(full.model().predict(x, 4).toArray(), forPrediction.model().predict(x, 4).toArray());
        assertArrayEquals(saved.predict(x, 4).toArray(), forPrediction.model().predict(x, 4).toArray());
        assertEquals(full.metadata(), forPrediction.metadata());
        assertEquals(full.model().seed(), forPrediction.model().seed());
        assertTrue(full.optimizerState().isPresent());
        assertTrue(forPrediction.optimizerState().isEmpty());
    }

    @Test
    void nonFiniteOptimizerValueIsRefusedWhenTrainingResumes() throws IOException {
        int firstSlot = firstOptimizerByte();
        ModelFileFixtures.rewriteData(file, data -> data.putFloat(firstSlot, Float.NaN));

        String message = assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();

        assertTrue(message.contains("optimizer state '") && message.contains("holds NaN"), message);
        // Prediction never reads those values, so they do not stop it; the weights are intact.
        assertArrayEquals(saved.predict(x, 4).toArray(),
                ModelFile.loadForPrediction(file).model().predict(x, 4).toArray());
    }

    @Test
    void damagedOptimizerBytesFailTheChecksumForPredictionToo() throws IOException {
        ModelFileFixtures.flipByte(file, Container.PREFIX_BYTES + headerLength() + Container.LENGTH_BYTES
                + firstOptimizerByte() + 1, 0x10);

        for (var load : new Load[] {ModelFile::load, ModelFile::loadForPrediction}) {
            String message = assertThrows(ModelFileException.class, () -> load.from(file)).getMessage();
            assertTrue(message.endsWith("checksum mismatch (file altered or truncated)"), message);
        }
    }

    @Test
    void optimizerStateOfNoWeightIsRefusedForPredictionToo() throws IOException {
        ModelFileFixtures.rewriteHeader(file, h -> h.replaceFirst("\"name\" : \"([a-z_]+)\\.kernel/0\"",
                "\"name\" : \"nowhere.kernel/0\""));

        String message = assertThrows(ModelFileException.class, () -> ModelFile.loadForPrediction(file)).getMessage();

        assertTrue(message.contains("optimizer state: 'nowhere.kernel/0' does not name a weight"), message);
    }

    @Test
    void headerBrokenInTransitIsReportedAsAChecksumMismatch() throws IOException {
        // The header is read while the checksum is computed: its mismatch must still be what is reported.
        byte[] bytes = Files.readAllBytes(file);
        byte[] broken = "]]]]".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(broken, 0, bytes, Container.PREFIX_BYTES, broken.length);
        Files.write(file, bytes);

        for (var load : new Load[] {ModelFile::load, ModelFile::loadForPrediction}) {
            String message = assertThrows(ModelFileException.class, () -> load.from(file)).getMessage();
            assertTrue(message.endsWith("checksum mismatch (file altered or truncated)"), message);
        }
    }

    /** A way of loading a file. */
    @FunctionalInterface
    private interface Load {
        LoadedModel from(Path file) throws IOException;
    }

    private int headerLength() throws IOException {
        return ModelFileFixtures.headerEnd(Files.readAllBytes(file)) - Container.PREFIX_BYTES;
    }

    /** Where the optimizer's first state tensor starts in the data section: after every weight. */
    private int firstOptimizerByte() {
        long weightBytes = 0;
        for (var p : saved.parameters()) {
            weightBytes += Float.BYTES * (long) p.value().size();
        }
        return (int) weightBytes;
    }
}
