package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.train.Adam;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

/** A save that fails, early or late, leaves the previous file exactly as it was and no temporary file behind. */
class ModelFileSaveTest {
    @TempDir
    Path dir;
    private Path file;
    private byte[] previous;

    @BeforeEach
    void saveAPreviousVersion() throws IOException {
        file = dir.resolve("model.neurite");
        ModelFile.save(ModelFileFixtures.sequential(1), file);
        previous = Files.readAllBytes(file);
    }

    @Test
    void refusesLayerTypesFilesCannotHoldAndKeepsThePreviousFile() throws IOException {
        SequentialNetwork model = SequentialNetwork.of(Input.of(3), new Dense(2), new Passthrough("Squash", false));

        String message = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, file)).getMessage();

        assertTrue(message.contains("layer 'squash' (Squash): model files cannot hold this type yet"), message);
        assertPreviousFileIntact();
    }

    @Test
    void aLayerWhoseConfigFailsLeavesThePreviousFile() throws IOException {
        SequentialNetwork model = SequentialNetwork.of(Input.of(3), new Dense(2), new Passthrough("Flatten", true));

        assertThrows(IllegalStateException.class, () -> ModelFile.save(model, file));

        assertPreviousFileIntact();
    }

    @Test
    void aFailedRenameAfterWritingLeavesNoTemporaryFile() throws IOException {
        Path occupied = Files.createDirectory(dir.resolve("occupied.neurite"));
        Files.writeString(occupied.resolve("keep.txt"), "a folder that is not empty cannot be replaced");

        assertThrows(IOException.class, () -> ModelFile.save(ModelFileFixtures.sequential(2), occupied));

        assertEquals(List.of(occupied.resolve("keep.txt")), list(occupied));
        assertPreviousFileIntact();
    }

    @Test
    void aReadOnlyFolderLeavesThePreviousFile() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "running with rights that ignore folder permissions");

            assertThrows(IOException.class, () -> ModelFile.save(ModelFileFixtures.sequential(2), file));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        assertPreviousFileIntact();
    }

    @Test
    void refusesOptimizerStateForAnotherModel() throws IOException {
        Trainer trainer = Trainer.compile(ModelFileFixtures.sequential(3), new Adam(), Losses.meanSquaredError());
        trainer.trainOnBatch(ModelFileFixtures.randomInput(0, 2, 4, 3), ModelFileFixtures.randomInput(1, 2, 5));
        SequentialNetwork other = SequentialNetwork.of(Input.of(3), new Dense(2));

        String message = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(other, trainer.optimizer(), Map.of(), file)).getMessage();

        assertTrue(message.contains("for a weight that is not in this model"), message);
        assertPreviousFileIntact();
    }

    @Test
    void refusesADivergedModelNamingTheWeightAndKeepsThePreviousFile() throws IOException {
        SequentialNetwork model = SequentialNetwork.of(Input.of(3), new Dense(2));
        model.build();
        model.parameters().get(0).value().data()[model.parameters().get(0).value().offset() + 4] = Float.NaN;

        String message = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, file)).getMessage();

        assertTrue(message.contains("'" + model.parameters().get(0).path() + "' holds NaN at index 4"), message);
        assertPreviousFileIntact();
    }

    private void assertPreviousFileIntact() throws IOException {
        assertArrayEquals(previous, Files.readAllBytes(file));
        assertTrue(list(dir).stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), () -> list(dir).toString());
    }

    private static List<Path> list(Path folder) {
        try (var files = Files.list(folder)) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A weightless layer that claims {@code type}; its config throws when {@code failingConfig}. */
    private static final class Passthrough extends Layer {
        private final String type;
        private final boolean failingConfig;

        Passthrough(String type, boolean failingConfig) {
            super(null);
            this.type = type;
            this.failingConfig = failingConfig;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Variable call(Variable input, boolean training) {
            return input;
        }

        @Override
        public Map<String, Object> config() {
            if (failingConfig) {
                throw new IllegalStateException("config failed");
            }
            return super.config();
        }
    }
}
