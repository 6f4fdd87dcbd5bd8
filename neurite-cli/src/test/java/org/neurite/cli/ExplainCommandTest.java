package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.report.AttributionView;
import org.neurite.explain.Attribution;
import org.neurite.io.ModelFile;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/** {@code neurite explain} on small saved models with their vectorizers, and the views it prints and writes. */
class ExplainCommandTest {
    private static final List<String> CORPUS = List.of("a great film", "a dull film", "great fun", "dull and long");

    @TempDir
    Path dir;

    private Path save(SequentialNetwork model, TextVectorization vectorizer) throws IOException {
        vectorizer.adapt(CORPUS);
        Path file = dir.resolve("model.neurite");
        ModelFile.save(model, null, Map.of(), vectorizer.state(), file);
        return file;
    }

    @Test
    void explainsAnEmbeddingModelWithIntegratedGradients() throws IOException {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(20).setOutputDim(4).optMaskZero(true).build(),
                new LSTM(4), new Dense(1, Activation.SIGMOID)).seed(3);
        Path file = save(model, TextVectorization.builder().optMaxTokens(20).optOutputSequenceLength(8).build());
        Path html = dir.resolve("why.html");
        CommandRun run = CommandRun.of("explain", "--model", file.toString(), "--text", "A great, great film!",
                "--html", html.toString(), "--no-color");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("P(positive) = 0."), run.out());
        assertTrue(run.out().contains("integrated gradients"), run.out());
        assertTrue(run.out().contains("(completeness gap)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("a\\([+-]\\d\\.\\d\\d\\) great\\([+-]\\d\\.\\d\\d\\) great\\S+ film\\S+")),
                run.out());
        assertFalse(run.out().contains("\u001b["), "no colours with --no-color");
        assertTrue(Files.readString(html).contains("<title>A great, great film!</title>"));
    }

    @Test
    void explainsABagOfWordsModelByOcclusionAndEscapesTheHtml() throws IOException {
        SequentialNetwork model = SequentialNetwork.of(Input.of(10), new Dense(1, Activation.SIGMOID)).seed(4);
        Path file = save(model, TextVectorization.builder().optMaxTokens(10).optOutputMode(OutputMode.MULTI_HOT)
                .optPadToMaxTokens(true).build());
        Path html = dir.resolve("explanation.html");
        CommandRun run = CommandRun.of("explain", "--model", file.toString(), "--text", "<b>great</b> & \"dull\"",
                "--html", html.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("occlusion"), run.out());
        String page = Files.readString(html);
        assertTrue(page.contains("&lt;b&gt;great&lt;/b&gt;</span>"), page);
        assertTrue(page.contains("&amp;</span>") && page.contains("&quot;dull&quot;</span>"), page);
        assertFalse(page.contains("<b>"), page);
    }

    @Test
    void modelsWithoutAVectorizerGiveOneLine() throws IOException {
        Path file = dir.resolve("plain.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(3), new Dense(1)).seed(1), file);
        CommandRun run = CommandRun.of("explain", "--model", file.toString(), "--text", "hello",
                "--html", dir.resolve("x.html").toString());
        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("no vectorizer"), run.err());
    }

    @Test
    void escapingLeavesNoMarkup() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;amp; &quot;q&quot; é",
                AttributionView.escape("<script>alert('x')</script> &amp; \"q\" é"));
    }

    @Test
    void colouredWordsAreGreenUpRedDownAndPlainOtherwise() {
        Attribution a = new Attribution(List.of("loved", "boring", "it"), new float[] {0.5f, -0.25f, 0f}, 0, 0.7f,
                0.5f, 0.0, Attribution.Method.INTEGRATED_GRADIENTS);
        assertEquals("loved(+0.50) boring(-0.25) it(+0.00)", AttributionView.terminal(a, false));
        String coloured = AttributionView.terminal(a, true);
        assertTrue(coloured.contains("\u001b[1;38;2;40;220;40mloved\u001b[0m"), coloured);    // strongest: bold green
        assertTrue(coloured.contains("38;2;193;95;95mboring"), coloured);                      // half as strong: red
        assertTrue(coloured.contains("38;2;150;150;150mit"), coloured);                        // no effect: grey
    }
}
