package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code neurite} command as a user meets it: outputs, files written, and one-line errors. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void summaryOfTheMnistMlpShowsKerasParameterCount() {
        CommandRun run = CommandRun.of("summary", "mnist-mlp");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Total params: 235,146 (918.54 KB)"), run.out());
        assertTrue(run.out().contains("dense (Dense)"), run.out());
    }

    @Test
    void versionIsThePomsAsModelFilesRecordIt() throws IOException {
        CommandRun run = CommandRun.of("--version");

        String pom = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("pom.xml"));   // from neurite-cli
        String version = pom.replaceFirst("(?s).*?<artifactId>neurite-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertEquals(0, run.status(), run.err());
        assertEquals("neurite " + version, run.out().strip());
    }

    @Test
    void badArgumentsGiveOneLineAndNoStackTrace() {
        for (String[] args : new String[][] {
            {"train", "mnist-mlp", "--epochs", "many"},
            {"train"},
            {"frobnicate"},
            {"summary", "no-such-recipe"},
            {"evaluate"},
        }) {
            CommandRun run = CommandRun.of(args);
            assertTrue(run.failedWithOneLine(), () -> Arrays.toString(args) + " gave status " + run.status()
                    + " and stderr:\n" + run.err());
        }
    }

    @Test
    void trainLinearRegressionWritesModelHistoryAndPlot() throws IOException {
        Path out = dir.resolve("lr");
        CommandRun run = CommandRun.of("train", "linear-regression", "--epochs", "5", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("test_loss=\\d+\\.\\d{4}")), run.out());
        for (String file : new String[] {"model.neurite", "history.csv", "history.png"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is empty");
        }
        assertEquals(6, Files.readAllLines(out.resolve("history.csv")).size(), "a header and 5 epochs");
    }

    @Test
    void corruptedModelFilesGiveOneLineAndDebugShowsTheTrace() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.neurite"), "not a model at all");
        Path out = dir.resolve("lr");
        assertEquals(0, CommandRun.of("train", "linear-regression", "--epochs", "1", "--out", out.toString()).status());
        Path model = out.resolve("model.neurite");
        Path truncated = dir.resolve("truncated.neurite");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
        Path flipped = dir.resolve("flipped.neurite");
        bytes[bytes.length - 20] ^= 0x40;
        Files.write(flipped, bytes);

        for (Path bad : new Path[] {garbage, truncated, flipped, dir.resolve("missing.neurite")}) {
            CommandRun run = CommandRun.of("evaluate", "--model", bad.toString());
            assertTrue(run.failedWithOneLine(), () -> bad + " gave status " + run.status() + ":\n" + run.err());
            assertTrue(run.err().contains(bad.getFileName().toString()), run.err());
        }
        CommandRun debug = CommandRun.of("evaluate", "--debug", "--model", garbage.toString());
        assertEquals(1, debug.status());
        assertTrue(debug.err().contains("\tat org.neurite"), debug.err());
    }

    @Test
    void evaluateReadsBackWhatTrainWrote() {
        Path out = dir.resolve("lr");
        assertEquals(0, CommandRun.of("train", "linear-regression", "--epochs", "3", "--out", out.toString()).status());

        CommandRun run = CommandRun.of("evaluate", "--model", out.resolve("model.neurite").toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("test_loss="), run.out());
    }

    @Test
    void outOfRangeNumbersAreUsageErrorsNamingTheOption() {
        for (String[] args : new String[][] {
            {"train", "linear-regression", "--epochs", "0"},
            {"train", "linear-regression", "--epochs", "-1"},
            {"train", "linear-regression", "--batch-size", "0"},
            {"train", "linear-regression", "--batch-size", "99999999999"},
            {"explain", "--text", "a", "--steps", "0"},
            {"bench", "mlp", "--epochs", "0"},
            {"bench", "transformer", "--samples", "0"},
            {"bench", "conv", "--batch-size", "0"},
            {"bench", "gemm", "--min-time", "NaN"},
            {"train", "adding-problem", "--learning-rate", "Infinity"},
        }) {
            CommandRun run = CommandRun.of(args);
            String option = args[args.length - 2];

            assertEquals(2, run.status(), () -> Arrays.toString(args) + ": " + run.err());
            assertTrue(run.failedWithOneLine(), run.err());
            assertTrue(run.err().contains(option) && run.err().contains("expected ")
                    && run.err().contains(args[args.length - 1]), run.err());
        }
    }

    @Test
    void badOutFoldersAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        for (String out : new String[] {"", " ", file.toString(), file.resolve("below").toString()}) {
            CommandRun run = CommandRun.of("train", "linear-regression", "--epochs", "1", "--out", out);

            assertEquals(2, run.status(), run.err());
            assertTrue(run.failedWithOneLine(), run.err());
            assertTrue(run.err().contains("'--out'"), run.err());
        }
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aRunThatFailsOnItsArgumentsOrDataLeavesNoOutFolder() {
        Path out = dir.resolve("never");
        CommandRun badOption = CommandRun.of("train", "adding-problem", "--units", "0", "--out", out.toString());
        String saved = System.getProperty("neurite.mnist.dir");
        CommandRun noData;
        try {
            System.setProperty("neurite.mnist.dir", dir.resolve("no-mnist-here").toString());
            noData = CommandRun.of("train", "mnist-mlp", "--out", out.toString());
        } finally {
            if (saved == null) {
                System.clearProperty("neurite.mnist.dir");
            } else {
                System.setProperty("neurite.mnist.dir", saved);
            }
        }

        assertEquals(2, badOption.status(), badOption.err());
        assertTrue(badOption.failedWithOneLine(), badOption.err());
        assertTrue(noData.failedWithOneLine(), noData.err());
        assertFalse(Files.exists(out), "an empty --out folder was left behind");
    }

    @Test
    void anUnknownRecipeIsAUsageError() {
        assertEquals(2, CommandRun.of("train", "no-such-recipe").status());
        assertEquals(2, CommandRun.of("summary", "no-such-recipe").status());
    }

    @Test
    void aSaveRemovesAKilledSavesTemporaryFileAndSaysSoInOneLine() throws IOException {
        Path out = Files.createDirectories(dir.resolve("lr"));
        Path stale = Files.writeString(out.resolve(".model.neurite.999999999-1f2e.tmp"), "half a model");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));

        CommandRun run = CommandRun.of("train", "linear-regression", "--epochs", "1", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        assertFalse(Files.exists(stale));
        assertEquals(List.of("neurite: removed 1 stale temporary entry (0.0 MB) left by interrupted saves in " + out),
                run.err().lines().toList());
    }
}
