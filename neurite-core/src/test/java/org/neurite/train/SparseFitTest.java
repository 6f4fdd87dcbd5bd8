package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * The same model trained on tf-idf rows kept sparse (dense a batch at a time) and on the dense
 * matrix ends with the same weights, history and predictions: only the storage differs.
 */
class SparseFitTest {
    private static final List<String> TEXTS = List.of("a great film", "a dull film", "great acting and a great story",
            "dull story, dull acting", "I loved it", "I hated it", "great", "dull", "loved the story",
            "hated the acting", "a film I loved", "a film I hated", "great great great", "dull dull",
            "the story was great", "the acting was dull");
    private static final Tensor LABELS = Tensor.vector(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0).reshape(16, 1);

    private static TextVectorization vectorizer() {
        TextVectorization v = TextVectorization.builder().optMaxTokens(24).optNgrams(2)
                .optOutputMode(OutputMode.TF_IDF).optPadToMaxTokens(true).build();
        v.adapt(TEXTS);
        return v;
    }

    private static Trainer trainer() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(24), new Dense(8, Activation.RELU),
                new Dropout(0.5f), new Dense(1, Activation.SIGMOID)).seed(7);
        return Trainer.compile(model, new Adam(1e-2f), Losses.binaryCrossentropy(), Metrics.accuracy());
    }

    private static FitOptions options() {
        return FitOptions.builder().batchSize(4).epochs(3).validationSplit(0.25f).build();
    }

    @Test
    void sparseAndDenseRowsTrainToTheSameWeights() {
        Trainer dense = trainer();
        Tensor x = vectorizer().transform(TEXTS);
        History denseHistory = dense.fit(x, LABELS, options());
        Trainer sparse = trainer();
        SparseRows rows = vectorizer().transformSparse(TEXTS);
        History sparseHistory = sparse.fit(rows, LABELS, options());

        List<Tensor> want = dense.model().parameters().stream().map(p -> p.value()).toList();
        List<Tensor> got = sparse.model().parameters().stream().map(p -> p.value()).toList();
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).toArray(), got.get(i).toArray(), "weight " + i);
        }
        assertEquals(denseHistory.values(), sparseHistory.values());
        assertArrayEquals(dense.predict(x, 5).toArray(), sparse.predict(rows, 5).toArray());
        assertEquals(dense.evaluate(x, LABELS, 5), sparse.evaluate(rows, LABELS, 5));
        assertEquals(dense.confusionMatrix(x, LABELS, 5).toString(), sparse.confusionMatrix(rows, LABELS, 5).toString());
    }

    @Test
    void bucketingIsRefusedForSparseRows() {
        FitOptions bucketed = FitOptions.builder().batchSize(4).bucketBySequenceLength(SequencePadding.POST).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer().fit(vectorizer().transformSparse(TEXTS), LABELS, bucketed));
        assertEquals("fit: bucketBySequenceLength needs sequences of token ids; sparse rows are features,"
                + " so leave it out", e.getMessage());
    }
}
