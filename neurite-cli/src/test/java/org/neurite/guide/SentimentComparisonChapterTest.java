package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.models.Sequential;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.nn.layers.TransformerEncoder;
import org.neurite.text.TextVectorization;
import org.neurite.train.Adam;
import org.neurite.train.CosineDecay;

/** The code of docs/guide/23-sentiment-comparison.md. */
class SentimentComparisonChapterTest {
    private static final float SAME = 1e-9f;
    private static final float RATE = 1e-7f;

    @Test
    void theTransformerClassifierAndItsSchedule() {
        List<String> trainTexts = List.of("a wonderful film", "a dull film");
        int steps = 3 * 352;                                                // three epochs of 22,500 reviews, batch 64
        // tag::transformer[]
        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(20_000).optOutputSequenceLength(400).build();
        vectorizer.adapt(trainTexts);
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer,     // (batch, 400) ids, 0 = padding
                new TokenAndPositionEmbedding(null, 20_000, 400, 64,
                        Initializer.randomUniform(), true),                 // (batch, time, 64), padding masked
                TransformerEncoder.builder().setIntermediateDim(128).setNumHeads(4)
                        .optDropout(0.1f).build(),                          // (batch, time, 64)
                new GlobalAveragePooling1D(),                               // (batch, 64): mean over real words
                new Dropout(0.1f),
                new Dense(1, "sigmoid")).seed(1);                           // (batch, 1): P(positive)
        CosineDecay schedule = new CosineDecay(1e-3f, steps);              // 1e-3 down to 0 over the run
        Adam adam = new Adam(1e-3f);
        adam.optSchedule(schedule);
        model.compile(adam, "binary_crossentropy", "accuracy");
        // end::transformer[]
        assertEquals(1_339_137, model.countParams());
        assertEquals(1e-3f, schedule.rate(0), SAME);
        assertEquals(5e-4f, schedule.rate(steps / 2), RATE);
        assertEquals(0f, schedule.rate(steps), RATE);
        assertEquals(1e-3f, adam.learningRate(), SAME);
    }
}
