package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.testing.NeedsDataset;

/**
 * The language-model recipes end to end on the real data, trained on a small prefix so that the
 * fetch, the split and the reports run; the figures of full runs are in the guide's chapter 18.
 */
class LanguageModelRecipesTest {
    @TempDir
    Path dir;

    @Test
    @NeedsDataset
    void charLstmReportsBitsPerCharacterOnMobyDick() {
        CommandRun run = CommandRun.of("train", "char-lstm", "--max-chars", "20000", "--units", "8", "--epochs", "1",
                "--out", dir.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("test_bits_per_char="), run.out());
    }

    @Test
    @NeedsDataset
    void nextWordReportsTheModelBesideTheBigramBaselineOnHeldOutSpeeches() {
        CommandRun run = CommandRun.of("train", "next-word", "--max-words", "5000", "--units", "8", "--epochs", "1",
                "--out", dir.toString());
        assertEquals(0, run.status(), run.err());
        for (String line : new String[] {"test_top1_accuracy=", "test_top3_accuracy=", "baseline_top3_accuracy="}) {
            assertTrue(run.out().contains(line), () -> "missing " + line + " in\n" + run.out());
        }
    }
}
