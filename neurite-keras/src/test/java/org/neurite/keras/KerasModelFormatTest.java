package org.neurite.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** With this module on the class path, Model.load and Model.save handle Keras files through the service provider. */
class KerasModelFormatTest {
    @TempDir
    Path dir;

    @Test
    void modelLoadReadsKerasArchiveThroughTheProvider() throws IOException {
        Model model = Model.load(KerasImportTest.fixture("two_in_two_out.keras"));
        Parity parity = Parity.check(model.network(), Npz.read(KerasImportTest.fixture("two_in_two_out.npz")));
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, parity.outputs().toString());
        assertEquals("keras", model.metadata().get("format"));
    }

    @Test
    void modelLoadReadsLegacyH5() throws IOException {
        Model model = Model.load(KerasImportTest.fixture("legacy_mlp.h5").toString());
        assertEquals(9550, model.network().countParams());
    }

    @Test
    void modelSaveWritesKerasArchiveThatImportsTheSame() throws IOException {
        Model model = Model.load(KerasImportTest.fixture("conv1d.keras"));
        Path exported = dir.resolve("conv.keras");
        model.save(exported);
        Map<String, Tensor> cases = Npz.read(KerasImportTest.fixture("conv1d.npz"));
        Parity parity = Parity.check(KerasFiles.load(exported).model(), cases);
        assertTrue(parity.maxAbsDiff() <= Tolerances.ROUNDING, parity.outputs().toString());
    }

    @Test
    void modelSaveAsH5IsRefusedPointingToTheWeightsExport() throws IOException {
        Model model = Model.load(KerasImportTest.fixture("mnist_mlp.keras"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.save(dir.resolve("m.h5")));
        assertTrue(e.getMessage().contains("KerasFiles.saveWeights"), e.getMessage());
    }
}
