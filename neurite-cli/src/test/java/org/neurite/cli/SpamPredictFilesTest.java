package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.SpamFilterFixtures;
import org.neurite.models.Model;
import org.neurite.train.FitOptions;

/**
 * {@code neurite predict --files} with a spam model trained here on a few made-up mails: each file is
 * parsed as an e-mail and gets one CSV row named after it, odd files included; the wrong kind of
 * model or file is refused in one line.
 */
class SpamPredictFilesTest {
    private static final List<String> FIXTURES = List.of("multipart.eml", "html-only.eml", "quoted-printable.eml",
            "base64.eml", "bad-charset.eml", "broken.eml");

    @TempDir
    static Path dir;
    private static Path spamModel;

    @BeforeAll
    static void trainATinySpamModel() throws IOException {
        var recipe = SpamFilterFixtures.recipe();
        RecipeData data = recipe.data();
        Model model = recipe.model(1, data);
        recipe.compile(model);
        model.fit(data.sparseTrainX(), data.trainY(), FitOptions.builder().epochs(30).batchSize(8).build());
        Map<String, String> metadata = new HashMap<>(recipe.modelMetadata());
        metadata.put("recipe", recipe.name());
        spamModel = dir.resolve("spam.neurite");
        model.save(spamModel, metadata);
        for (String name : FIXTURES) {
            try (InputStream in = SpamPredictFilesTest.class.getResourceAsStream("/mail/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    @Test
    void eachFileGetsARowNamedAfterItWithAHamOrSpamLabel() {
        List<String> args = new ArrayList<>(List.of("predict", "--model", spamModel.toString(), "--files"));
        FIXTURES.forEach(name -> args.add(dir.resolve(name).toString()));

        CommandRun run = CommandRun.of(args.toArray(new String[0]));

        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("id,probability,label", lines.getFirst());
        assertEquals(FIXTURES, lines.stream().skip(1).map(line -> line.split(",")[0]).toList());
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            float p = Float.parseFloat(fields[1]);
            assertTrue(p >= 0 && p <= 1, line);
            assertEquals(p >= 0.5f ? "spam" : "ham", fields[2], line);
        }
    }

    @Test
    void anAdvertisingMailScoresAboveAMeetingNote() throws IOException {
        Path offer = Files.writeString(dir.resolve("offer.eml"), SpamFilterFixtures.mail(true, 101));
        Path note = Files.writeString(dir.resolve("note.eml"), SpamFilterFixtures.mail(false, 102));

        CommandRun run = CommandRun.of("predict", "--model", spamModel.toString(), "--files", offer.toString(),
                note.toString());

        assertEquals(0, run.status(), run.err());
        List<String> rows = run.out().lines().skip(1).toList();
        assertTrue(probability(rows.get(0)) > probability(rows.get(1)), run.out());
        assertTrue(rows.get(0).endsWith(",spam") && rows.get(1).endsWith(",ham"), run.out());
    }

    @Test
    void emptyAndBinaryFilesStillGetAProbability() throws IOException {
        Path empty = Files.write(dir.resolve("empty.eml"), new byte[0]);
        Path binary = Files.write(dir.resolve("image.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xFF});

        CommandRun run = CommandRun.of("predict", "--model", spamModel.toString(), "--files", empty.toString(),
                binary.toString());

        assertEquals(0, run.status(), run.err());
        assertEquals(3, run.out().lines().count(), run.out());
    }

    @Test
    void aMissingFileIsRefusedInOneLineNamingIt() {
        CommandRun run = CommandRun.of("predict", "--model", spamModel.toString(), "--files",
                dir.resolve("no-such.eml").toString());

        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("no-such.eml: no such file"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aModelThatIsNotATextModelIsRefusedInOneLine() throws IOException {
        Path notText = dir.resolve("dense.neurite");
        org.neurite.io.ModelFile.save(org.neurite.nn.SequentialNetwork.of(org.neurite.nn.Input.of(3),
                new org.neurite.nn.layers.Dense(1, org.neurite.nn.Activation.SIGMOID)).seed(1), null, Map.of(), null,
                notText);

        CommandRun run = CommandRun.of("predict", "--model", notText.toString(), "--files",
                dir.resolve("base64.eml").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("no text vectorizer"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aTextModelRefusesAFileThatIsNotUtf8InOneLine() throws IOException {
        Path textModel = dir.resolve("text.neurite");
        var recipe = SpamFilterFixtures.recipe();
        RecipeData data = recipe.data();
        recipe.model(1, data).save(textModel, Map.of());   // no input_kind: reads plain text
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        CommandRun run = CommandRun.of("predict", "--model", textModel.toString(), "--files", latin1.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("latin1.txt: expected UTF-8 text"), run.err());
    }

    private static float probability(String row) {
        return Float.parseFloat(row.split(",")[1]);
    }
}
