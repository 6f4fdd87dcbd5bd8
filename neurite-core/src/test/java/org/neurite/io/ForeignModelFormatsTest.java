package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;

/**
 * Without neurite-keras on the class path (the core's own tests), Keras files are refused with one
 * line naming the module to add, and Neurite model files still load as before.
 */
class ForeignModelFormatsTest {
    @TempDir
    Path dir;

    @Test
    void loadingAKerasFileWithoutItsModuleNamesTheModuleToAdd() throws IOException {
        Path file = Files.write(dir.resolve("model.keras"), new byte[] {'P', 'K', 3, 4});
        ModelFileException e = assertThrows(ModelFileException.class, () -> Model.load(file));
        assertEquals(file + ": a .keras file needs the module org.neurite:neurite-keras on the class path"
                + " (add it as a dependency beside neurite-core)", e.getMessage());
    }

    @Test
    void savingAsH5WithoutItsModuleNamesTheModuleToAdd() {
        Model model = Sequential.of(Input.of(3), new Dense(2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> model.save(dir.resolve("model.h5")));
        assertTrue(e.getMessage().contains("needs the module org.neurite:neurite-keras"), e.getMessage());
    }

    @Test
    void neuriteModelFileIsClaimedByNoForeignFormat() throws IOException {
        Path file = dir.resolve("model.neurite");
        Sequential.of(Input.of(3), new Dense(2)).save(file);
        assertTrue(ForeignModelFormats.forReading(file).isEmpty());
        assertEquals(8, Model.load(file).network().countParams());
    }

    @Test
    void neuriteModelFileIsKnownByItsContentWhateverItsName() throws IOException {
        Path file = dir.resolve("model.neurite");
        Sequential.of(Input.of(3), new Dense(2)).save(file);
        Path renamed = Files.copy(file, dir.resolve("model.keras"));

        assertTrue(ForeignModelFormats.forReading(renamed).isEmpty());
        assertEquals(8, Model.load(renamed).network().countParams());
    }
}
