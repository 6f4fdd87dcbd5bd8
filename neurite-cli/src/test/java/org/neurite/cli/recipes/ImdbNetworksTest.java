package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.models.Model;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * The five IMDB networks without the dataset: each builds with the parameter count Keras gives the
 * same layers ({@code neurite-bench/imdb_param_counts.py} prints Keras' counts), and the new ones
 * take a training step on a handful of made-up reviews with the recipe's own compile and fit
 * settings (cosine schedule, early stopping, length buckets).
 */
class ImdbNetworksTest {
    private static final List<String> REVIEWS = List.of(
            "a wonderful film with a moving story and great acting",
            "dull and boring, a waste of two hours",
            "i loved every minute of it",
            "the worst movie i have seen this year",
            "brilliant direction and a superb cast",
            "terrible script, awful dialogue, no plot at all",
            "great fun from start to finish",
            "bad",
            "an instant classic that i will watch again and again",
            "i want my money back");
    private static final float[] SENTIMENT = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0};

    @Test
    void convolutionHasKerasParameterCount() {
        // Embedding 20000·64 + Conv1D 3·64·250 + 250 + Dense 250·250 + 250 + Dense 250 + 1
        assertEquals(1_280_000 + 48_250 + 62_750 + 251, ImdbSentiment.convolution().model(1).countParams());
    }

    @Test
    void transformerHasKerasParameterCount() {
        // token 20000·64 + position 400·64; attention 4·(64·64 + 64); two norms 2·2·64;
        // feed-forward 64·128 + 128 + 128·64 + 64; Dense 64 + 1
        assertEquals(1_280_000 + 25_600 + 16_640 + 256 + 16_576 + 65, ImdbSentiment.transformer().model(1).countParams());
    }

    @Test
    void recurrentModelsKeepTheirParameterCountsWithInputDropout() {
        // Embedding 20000·128; LSTM 4·(32·(128 + 32) + 32); Dense 32 + 1 (and 64 + 1 both ways)
        assertEquals(2_560_000 + 20_608 + 33, ImdbSentiment.lstm().model(1).countParams());
        assertEquals(2_560_000 + 2 * 20_608 + 65, ImdbSentiment.bidirectionalLstm().model(1).countParams());
    }

    @Test
    void convolutionTrainsOneStepOnRawTexts() {
        trainsOneStep(ImdbSentiment.convolution());
    }

    @Test
    void transformerTrainsOneStepOnRawTexts() {
        trainsOneStep(ImdbSentiment.transformer());
    }

    @Test
    void lstmTrainsOneStepOnRawTexts() {
        trainsOneStep(ImdbSentiment.lstm());
    }

    /** One epoch of one batch (eight reviews, two held out) through the recipe's own compile and fit settings. */
    private static void trainsOneStep(ImdbSentiment recipe) {
        Recipe tiny = recipe.configured(List.of("--sequence-length", "12"));
        TextVectorization vectorizer = ((ImdbSentiment) tiny).vectorizer();
        vectorizer.adapt(REVIEWS);
        Tensor labels = Tensor.of(SENTIMENT, SENTIMENT.length, 1);
        Tensor ids = vectorizer.transform(REVIEWS);   // (10, 12)
        RecipeData data = new RecipeData(ids, labels, ids, labels, vectorizer.state());
        Model model = tiny.model(7, data);
        tiny.compileForTraining(model, 10);
        List<float[]> before = weights(model);
        FitOptions.Builder options = FitOptions.builder().epochs(1).batchSize(8).validationSplit(0.2f);
        tiny.configureFit(options);

        History history = model.fit(REVIEWS, labels, options.build());

        assertTrue(Double.isFinite(history.last("loss")), () -> tiny.name() + " loss " + history.last("loss"));
        assertTrue(history.get("val_accuracy").size() == 1, tiny.name() + " validated once");
        List<float[]> after = weights(model);
        for (int i = 0; i < before.size(); i++) {
            assertFalse(java.util.Arrays.equals(before.get(i), after.get(i)),
                    tiny.name() + ": weight " + model.network().parameters().get(i).path() + " did not move");
        }
        Tensor p = model.predict(List.of("a great film", "a bad film"));   // (2, 1): P(positive)
        assertEquals(2, p.dim(0));
        assertTrue(p.get(0, 0) >= 0f && p.get(0, 0) <= 1f && p.get(1, 0) >= 0f && p.get(1, 0) <= 1f);
    }

    private static List<float[]> weights(Model model) {
        List<float[]> copies = new ArrayList<>();
        for (Parameter p : model.network().parameters()) {
            copies.add(p.value().toArray());
        }
        return copies;
    }
}
