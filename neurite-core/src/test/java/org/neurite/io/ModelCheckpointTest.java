package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

class ModelCheckpointTest {
    private static final Tensor X = ModelFileFixtures.randomInput(1, 40, 5);
    private static final Tensor Y = ModelFileFixtures.randomInput(2, 40, 2);

    @TempDir
    Path dir;

    @Test
    void resumingFromACheckpointIsBitIdenticalToNeverStopping() throws IOException {
        Trainer uninterrupted = trainer(model());
        uninterrupted.fit(X, Y, options(3, 0).build());

        Trainer first = trainer(model());
        first.fit(X, Y, options(2, 0).callbacks(new ModelCheckpoint(dir.resolve("ckpt-{epoch:02d}.neurite").toString()))
                .build());
        LoadedModel loaded = ModelFile.load(dir.resolve("ckpt-02.neurite"));
        Trainer resumed = trainer(loaded.model());
        loaded.optimizerState().orElseThrow().restoreInto(resumed);
        int done = Integer.parseInt(loaded.metadata().get(ModelCheckpoint.EPOCH_KEY));
        resumed.fit(X, Y, options(3, done).build());

        assertEquals(2, done);
        assertEquals(uninterrupted.optimizer().iterations(), resumed.optimizer().iterations());
        uninterrupted.model().parametersByPath().forEach((path, p) -> assertArrayEquals(p.value().toArray(),
                resumed.model().parametersByPath().get(path).value().toArray(), path));
    }

    @Test
    void writesOneFilePerEpochByDefault() throws IOException {
        trainer(model()).fit(X, Y, options(3, 0).callbacks(new ModelCheckpoint(dir.resolve("m-{epoch}.neurite").toString()))
                .build());

        assertEquals(List.of("m-1.neurite", "m-2.neurite", "m-3.neurite"), names());
    }

    @Test
    void saveBestOnlyWritesOnlyWhenTheMonitorImproves() throws IOException {
        Trainer trainer = trainer(model());
        ModelCheckpoint checkpoint = ModelCheckpoint.builder().setFilepath(dir.resolve("best-{epoch}.neurite").toString())
                .optSaveBestOnly(true).build();

        double[] valLoss = {1.0, 0.5, 0.7, 0.4};
        for (int epoch = 0; epoch < valLoss.length; epoch++) {
            checkpoint.onEpochEnd(trainer, epoch, Map.of("loss", 9.0, "val_loss", valLoss[epoch]));
        }

        assertEquals(List.of("best-1.neurite", "best-2.neurite", "best-4.neurite"), names());
    }

    @Test
    void autoModeMaximisesAccuracies() throws IOException {
        Trainer trainer = trainer(model());
        ModelCheckpoint checkpoint = ModelCheckpoint.builder().setFilepath(dir.resolve("acc-{epoch}.neurite").toString())
                .optMonitor("val_accuracy").optSaveBestOnly(true).build();

        double[] accuracy = {0.5, 0.4, 0.9};
        for (int epoch = 0; epoch < accuracy.length; epoch++) {
            checkpoint.onEpochEnd(trainer, epoch, Map.of("val_accuracy", accuracy[epoch]));
        }

        assertEquals(List.of("acc-1.neurite", "acc-3.neurite"), names());
    }

    @Test
    void aMonitorMissingFromTheLogsIsAnError() {
        ModelCheckpoint checkpoint = ModelCheckpoint.builder().setFilepath(dir.resolve("m.neurite").toString())
                .optSaveBestOnly(true).build();

        String message = assertThrows(IllegalArgumentException.class,
                () -> checkpoint.onEpochEnd(trainer(model()), 0, Map.of("loss", 1.0))).getMessage();

        assertTrue(message.contains("monitor 'val_loss' is not in the logs [loss]"), message);
    }

    @Test
    void fileNamesFillInEpochAndLogsWithPythonFormats() {
        Map<String, Double> logs = Map.of("val_loss", 0.123456, "accuracy", 0.5);

        assertEquals("m-03-0.1235.neurite", ModelCheckpoint.fileName("m-{epoch:02d}-{val_loss:.4f}.neurite", 3, logs));
        assertEquals("m-3-0.5.neurite", ModelCheckpoint.fileName("m-{epoch}-{accuracy}.neurite", 3, logs));
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.fileName("m-{val_acc}.neurite", 3, logs));
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.fileName("m-{val_loss:02d}.neurite", 3, logs));
    }

    private static Network model() {
        return SequentialNetwork.of(Input.of(5), new Dense(8, Activation.TANH), new Dense(2)).seed(2024).build();
    }

    private static Trainer trainer(Network model) {
        return Trainer.compile(model, new Adam(0.01f), Losses.meanSquaredError());
    }

    private static FitOptions.Builder options(int epochs, int initialEpoch) {
        return FitOptions.builder().batchSize(8).epochs(epochs).initialEpoch(initialEpoch);
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
