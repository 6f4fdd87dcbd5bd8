package org.neurite.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** Attributions against closed forms on linear models, and completeness on a recurrent one. */
class ExplainTest {
    private static final List<String> VOCABULARY = List.of("", "[UNK]", "good", "bad", "film", "not");
    private static final Map<String, Integer> IDS = Map.of("good", 2, "bad", 3, "film", 4, "not", 5);
    private static final int TIME = 4;

    /** Lower-case words to ids, padded with 0 at the end to {@value #TIME}: a stand-in for TextVectorization. */
    private static Tensor ids(String text) {
        List<String> words = tokens(text);
        float[] ids = new float[TIME];
        for (int t = 0; t < Math.min(TIME, words.size()); t++) {
            ids[t] = IDS.getOrDefault(words.get(t), 1);
        }
        return Tensor.of(ids, 1, TIME);
    }

    private static List<String> tokens(String text) {
        return Arrays.stream(text.toLowerCase().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Embedding(6, 3) → Flatten → Dense(1) with no activation: f(x) = w·x + c, linear in the embeddings. */
    private static SequentialNetwork linearEmbeddingModel() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(TIME), Embedding.builder().setInputDim(VOCABULARY.size())
                .setOutputDim(3).build(), new Flatten(), new Dense(1)).seed(5);
        model.build();
        return model;
    }

    @Test
    void integratedGradientsOfALinearModelAreWeightTimesInput() {
        SequentialNetwork model = linearEmbeddingModel();
        Tensor x = ids("good film");
        Attribution a = IntegratedGradients.explain(model, x, tokens("good film"), 0,
                IntegratedGradients.Options.defaults());
        // With a zero baseline, IG_t = Σ_d x_{t,d}·w_{t·3+d}: the gradient is constant along the path.
        Tensor table = model.layers().get(0).getWeights().get(0);       // (6, 3)
        Tensor kernel = model.layers().get(2).getWeights().get(0);      // (12, 1)
        float[] ids = x.toArray();
        for (int t = 0; t < 2; t++) {
            double expected = 0;
            for (int d = 0; d < 3; d++) {
                expected += table.get((int) ids[t], d) * kernel.get(t * 3 + d, 0);
            }
            assertEquals(expected, a.scores()[t], Tolerances.REORDERED_SUMS, "position " + t);
        }
        assertEquals(List.of("good", "film"), a.tokens());
        assertEquals(0, a.completenessGap(), Tolerances.REORDERED_SUMS);
        assertEquals(model.predict(x, 1).item(), a.value(), Tolerances.ROUNDING);
        assertEquals(model.layers().get(2).getWeights().get(1).item(), a.baselineValue(), Tolerances.ROUNDING);
    }

    @Test
    void attributionsOfARecurrentModelSumToTheChangeInScore() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1), Embedding.builder().setInputDim(VOCABULARY.size())
                        .setOutputDim(4).optMaskZero(true).build(), new LSTM(5), new Dense(1, Activation.SIGMOID))
                .seed(9);
        model.build();
        scaleWeights(model, 3f);                    // a curved f, so that the integral is not trivial
        Tensor x = ids("not good film");
        double coarse = gap(model, x, 4);
        double fine = gap(model, x, 50);
        assertTrue(fine < 1e-3, "gap with 50 steps " + fine);
        assertTrue(fine < coarse, "the gap shrinks with more steps: " + coarse + " -> " + fine);
        for (IntegratedGradients.Baseline baseline : IntegratedGradients.Baseline.values()) {
            Attribution a = IntegratedGradients.explain(model, x, tokens("not good film"), 0,
                    new IntegratedGradients.Options(50, baseline));
            assertEquals(3, a.scores().length);
            assertTrue(a.completenessGap() < 1e-3, baseline + " gap " + a.completenessGap());
        }
    }

    private static double gap(Network model, Tensor x, int steps) {
        return IntegratedGradients.explain(model, x, tokens("not good film"), 0,
                new IntegratedGradients.Options(steps, IntegratedGradients.Baseline.ZERO)).completenessGap();
    }

    private static void scaleWeights(Network model, float factor) {
        for (var layer : model.layers()) {
            layer.setWeights(layer.getWeights().stream().map(w -> w.mul(factor)).toList());
        }
    }

    /** Counts of each vocabulary word → Dense(1): removing a word lowers the score by its weight. */
    @Test
    void occlusionOfABagOfWordsModelIsEachWordsWeight() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(VOCABULARY.size()), new Dense(1)).seed(2);
        model.build();
        Tensor kernel = model.layers().get(0).getWeights().get(0);     // (6, 1)
        Attribution a = Occlusion.explain(model, List.of("Good", "film,", "good"), ExplainTest::counts, 0);
        assertEquals(List.of("Good", "film,", "good"), a.tokens());
        assertEquals(kernel.get(2, 0), a.scores()[0], Tolerances.ROUNDING);
        assertEquals(kernel.get(4, 0), a.scores()[1], Tolerances.ROUNDING);
        assertEquals(kernel.get(2, 0), a.scores()[2], Tolerances.ROUNDING);
        assertEquals(model.predict(counts("good film good"), 1).item(), a.value(), Tolerances.ROUNDING);
        assertTrue(Double.isNaN(a.completenessGap()));
    }

    private static Tensor counts(String text) {
        float[] row = new float[VOCABULARY.size()];
        for (String w : tokens(text.replaceAll("[^A-Za-z ]", ""))) {
            row[IDS.getOrDefault(w, 1)]++;
        }
        return Tensor.of(row, 1, row.length);
    }

    @Test
    void theExplainerPicksTheMethodFromTheModel() {
        Function<String, List<String>> tokenize = ExplainTest::tokens;
        Attribution embedded = TextExplainer.explain(linearEmbeddingModel(), "good film", tokenize, ExplainTest::ids,
                TextExplainer.Options.defaults());
        assertEquals(Attribution.Method.INTEGRATED_GRADIENTS, embedded.method());
        SequentialNetwork bag = SequentialNetwork.of(Input.of(VOCABULARY.size()), new Dense(2, Activation.SOFTMAX)).seed(1);
        Attribution occluded = TextExplainer.explain(bag, "  good   film ", tokenize, ExplainTest::counts,
                TextExplainer.Options.defaults());
        assertEquals(Attribution.Method.OCCLUSION, occluded.method());
        assertEquals(List.of("good", "film"), occluded.tokens());
        float[] p = bag.predict(counts("good film"), 1).toArray();
        assertEquals(Math.max(p[0], p[1]), occluded.value(), Tolerances.ROUNDING, "the predicted class is explained");
    }

    @Test
    void occlusionRefusesTextsLongerThanItsLimit() {
        SequentialNetwork bag = SequentialNetwork.of(Input.of(VOCABULARY.size()), new Dense(1)).seed(1);
        TextExplainer.Options options = new TextExplainer.Options(IntegratedGradients.Options.defaults(), 2);
        assertThrows(IllegalArgumentException.class,
                () -> TextExplainer.explain(bag, "good bad film", ExplainTest::tokens, ExplainTest::counts, options));
    }

    @Test
    void explainingAnEmptyTextGivesNoTokens() {
        Attribution a = IntegratedGradients.explain(linearEmbeddingModel(), ids(""), tokens(""), 0,
                IntegratedGradients.Options.defaults());
        assertEquals(0, a.scores().length);
        assertEquals(0, a.maxMagnitude());
    }

    @Test
    void randomInputsKeepCompletenessOnAFlattenModel() {
        Rng rng = new Rng(4);
        SequentialNetwork model = linearEmbeddingModel();
        for (int trial = 0; trial < 5; trial++) {
            float[] ids = new float[TIME];
            for (int t = 0; t < TIME; t++) {
                ids[t] = (int) rng.uniform(0, VOCABULARY.size() - 0.01f);
            }
            Attribution a = IntegratedGradients.explain(model, Tensor.of(ids, 1, TIME), List.of("a", "b", "c", "d"),
                    0, new IntegratedGradients.Options(1, IntegratedGradients.Baseline.PADDING));
            assertEquals(0, a.completenessGap(), Tolerances.REORDERED_SUMS, "a linear f is integrated exactly by one step");
        }
    }
}
