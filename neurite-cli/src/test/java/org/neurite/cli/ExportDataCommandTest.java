package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.LabelledTexts;
import org.neurite.data.LabelMapping;
import org.neurite.data.TextCorpus;
import org.neurite.data.TextDatasets;
import org.neurite.tensor.Tensor;

/** {@code neurite export-data}: a recipe's texts written as CSV come back unchanged through the corpus reader. */
class ExportDataCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportedTextsReadBackUnchangedWithTheirClassNames() throws IOException {
        List<String> texts = List.of("plain words", "a comma, and \"quotes\"", "two\nlines", "  padded  ",
                "Subject: win\r\nFrom: x@y\r\n\r\nbody é ü");
        LabelledTexts exported = new LabelledTexts(texts, Tensor.of(new float[] {0, 1, 1, 0, 1}, 5));
        Path file = dir.resolve("train.csv");

        ExportDataCommand.write(exported, new LabelMapping(List.of("ham", "spam")), file);
        TextCorpus read = TextDatasets.csv(file).text("text").label("label").read();

        assertEquals(texts, read.texts());
        List<String> classes = read.classes().classes();
        List<String> labels = java.util.Arrays.stream(read.classIds()).mapToObj(classes::get).toList();
        assertEquals(List.of("ham", "spam", "spam", "ham", "spam"), labels);
    }

    @Test
    void aRecipeWithoutLabelledTextsIsRefusedInOneLine() {
        CommandRun run = CommandRun.of("export-data", "mnist-mlp", "--out", dir.toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("recipe 'mnist-mlp' has no labelled texts to export"), run.err());
    }
}
