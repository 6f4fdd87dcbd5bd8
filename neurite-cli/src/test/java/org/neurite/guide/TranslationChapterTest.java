package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.cli.recipes.DateGrammar;
import org.neurite.cli.translate.AttentionSeq2Seq;
import org.neurite.cli.translate.SymbolTable;
import org.neurite.cli.translate.Translation;
import org.neurite.cli.translate.TranslationTask;
import org.neurite.cli.translate.Translator;
import org.neurite.models.Model;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.Losses;
import org.neurite.train.Metrics;

/**
 * The code of docs/guide/19-attention-translation.md: an attention encoder-decoder on dates, trained
 * with teacher forcing for a moment, then asked for a translation with its attention weights.
 */
class TranslationChapterTest {
    /** Each attention row is a softmax over the input characters. */
    private static final float SUMS_TO_ONE = 1e-4f;
    private static final int SAMPLES = 256;

    @Test
    void anAttentionEncoderDecoderTrainsAndTranslatesWithItsAttention() {
        // tag::task[]
        TranslationTask task = new TranslationTask(
                SymbolTable.source(Arrays.asList(DateGrammar.CHARACTERS.split(""))),   // pad 0, unknown 1, ' ' 2, ...
                SymbolTable.target(Arrays.asList("0123456789-".split(""))),           // pad 0, start 1, end 2, '0' 3, ...
                "", 40, 10, "the model's guess of an ISO date");
        Model model = AttentionSeq2Seq.training(task, 16, 16).seed(1);   // inputs: source ids, decoder input ids
        model.compile(new Adam(2e-3f).optClipNorm(1f), Losses.sparseCategoricalCrossentropy(), Metrics.byName("accuracy"));
        // end::task[]

        Rng rng = new Rng(7);
        List<DateGrammar.Example> examples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            examples.add(DateGrammar.sample(DateGrammar.day(rng.nextInt(DateGrammar.days())), rng));
        }
        // tag::teacher-forcing[]
        int n = examples.size();
        Tensor source = Tensor.zeros(n, 40);        // "25th of november 2026" as ids, padded with 0
        Tensor target = Tensor.zeros(n, 11);        // "2026-11-25" then the end token
        Tensor decoderInput = Tensor.zeros(n, 11);  // the start token, then the target shifted right
        for (int i = 0; i < n; i++) {
            int[] in = task.source().ids(task.sourceSymbols(examples.get(i).text()));
            int[] out = task.target().ids(task.targetSymbols(examples.get(i).iso()));
            for (int s = 0; s < in.length; s++) {
                source.set(in[s], i, s);
            }
            decoderInput.set(SymbolTable.START, i, 0);
            for (int t = 0; t < out.length; t++) {
                target.set(out[t], i, t);
                decoderInput.set(out[t], i, t + 1);
            }
            target.set(SymbolTable.END, i, out.length);
        }
        model.fit(List.of(source, decoderInput), List.of(target), FitOptions.builder().batchSize(64).epochs(1).build());
        // end::teacher-forcing[]

        // tag::translate[]
        Translator translator = new Translator(model, task);
        Translation t = translator.translate(List.of("25th of November 2026"), 3).get(0);   // beam of 3
        String iso = t.text();                  // after a full training run: 2026-11-25
        float[][] attention = t.attention();    // (output characters, input characters)
        // end::translate[]

        assertTrue(iso.length() <= 10 && iso.matches("[0-9-]*"), iso);
        assertEquals(iso.length(), attention.length);
        for (float[] row : attention) {
            assertEquals(21, row.length);
            float sum = 0;
            for (float w : row) {
                sum += w;
            }
            assertEquals(1f, sum, SUMS_TO_ONE);
        }
        assertEquals("2026-11-25", DateGrammar.Format.ISO.write(LocalDate.of(2026, 11, 25)));
    }
}
