package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.ModelFile;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Flatten;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;

/** TextVectorization as a model's first layer: raw texts in, probabilities out, one file holding both. */
class TextModelTest {
    private static final List<String> TEXTS = List.of("a great movie", "a dull movie", "great acting, great story",
            "dull and long", "what a great film", "long and dull and slow", "great fun", "slow dull plot");
    private static final Tensor LABELS = Tensor.of(new float[] {1, 0, 1, 0, 1, 0, 1, 0}, 8, 1);

    @TempDir
    Path dir;

    private static TextVectorization adapted(int length) {
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(30).optOutputSequenceLength(length)
                .build();
        vectorizer.adapt(TEXTS);
        return vectorizer;
    }

    private static Sequential reviews(TextVectorization vectorizer) {
        return Sequential.of(Input.ofStrings(), vectorizer, new Embedding(30, 4), new Flatten(),
                new Dense(1, "sigmoid")).seed(21);
    }

    @Test
    void sequentialOnStringsGoesFromRawTextToProbabilities() {
        TextVectorization vectorizer = adapted(6);
        Sequential model = reviews(vectorizer);
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(TEXTS, LABELS, FitOptions.builder().epochs(3).batchSize(4).build());

        Tensor p = model.predict(List.of("I loved this movie", "dull"));

        assertArrayEquals(new int[] {2, 1}, p.shape());
        assertArrayEquals(model.network().predict(vectorizer.transform(List.of("I loved this movie", "dull")), 32)
                .toArray(), p.toArray());
        assertSame(vectorizer, model.vectorizer().orElseThrow());
        assertSame(vectorizer, model.layers().get(0));
        assertEquals(model.evaluate(vectorizer.transform(TEXTS), LABELS), model.evaluate(TEXTS, LABELS));
    }

    @Test
    void fitOnTextsEqualsFitOnTheirVectors() {
        TextVectorization vectorizer = adapted(6);
        Sequential onTexts = reviews(vectorizer);
        onTexts.compile("adam", "binary_crossentropy");
        Sequential onVectors = reviews(vectorizer);
        onVectors.compile("adam", "binary_crossentropy");
        FitOptions options = FitOptions.builder().epochs(2).batchSize(4).build();

        assertEquals(onVectors.fit(vectorizer.transform(TEXTS), LABELS, options).history(),
                onTexts.fit(TEXTS, LABELS, options).history());
    }

    @Test
    void savedFileHoldsTheVectorizerAndLoadsWhole() throws IOException {
        Sequential model = reviews(adapted(6));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(TEXTS, LABELS, FitOptions.builder().epochs(2).build());
        Path file = dir.resolve("reviews.neurite");

        model.save(file);
        Model loaded = Model.load(file);

        assertTrue(ModelFile.load(file).vectorizer().isPresent());
        assertEquals(model.vectorizer().orElseThrow().getVocabulary(), loaded.vectorizer().orElseThrow().getVocabulary());
        List<String> fresh = List.of("a great great story", "slow and dull", "never seen words");
        assertArrayEquals(model.predict(fresh).toArray(), loaded.predict(fresh).toArray());
        assertEquals(model.summary(), loaded.summary());
    }

    @Test
    void functionalModelOnStringsRunsItsVectorizerFirst() {
        TextVectorization vectorizer = TextVectorization.builder().optOutputMode(OutputMode.MULTI_HOT).build();
        vectorizer.adapt(TEXTS);
        SymbolicTensor text = Input.ofStrings();
        SymbolicTensor words = vectorizer.apply(text);
        SymbolicTensor hidden = new Dense(8, "relu").apply(words);
        Model model = new Model(text, new Dense(1, "sigmoid").apply(hidden)).seed(4);
        model.compile("rmsprop", "binary_crossentropy", "accuracy");
        model.fit(TEXTS, LABELS, FitOptions.builder().epochs(2).build());

        Tensor p = model.predict(List.of("great story", "dull plot"));

        assertArrayEquals(new int[] {2, 1}, p.shape());
        assertArrayEquals(model.network().predict(vectorizer.transform(List.of("great story", "dull plot")), 32)
                .toArray(), p.toArray());
        assertArrayEquals(new int[] {vectorizer.vocabularySize()}, model.network().inputShapes().get(0));
    }

    @Test
    void summaryShowsTheVectorizerAsTheFirstLayer() {
        String summary = reviews(adapted(6)).summary();
        String firstRow = summary.lines().filter(l -> l.startsWith("│")).findFirst().orElseThrow();
        assertTrue(firstRow.contains("text_vectorization (TextVector"), summary);
        assertTrue(firstRow.contains("(None, 6)"), summary);
    }

    @Test
    void stringInputMustBeReadByATextVectorization() {
        var sequential = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(Input.ofStrings(), new Dense(2)));
        assertEquals("Sequential: input 'input' holds texts, so the first layer must be a TextVectorization;"
                + " got 'null' (Dense)", sequential.getMessage().replace("'dense'", "'null'"));

        SymbolicTensor text = Input.ofStrings();
        SymbolicTensor wrong = new Dense(2).apply(text);
        var functional = assertThrows(IllegalArgumentException.class, () -> new Model(text, wrong));
        assertTrue(functional.getMessage().startsWith("Model: input 'input' holds texts, so exactly one"
                + " TextVectorization must read it; got ["), functional.getMessage());
    }

    @Test
    void validationTextsAreReadThroughTheVectorizer() {
        TextVectorization vectorizer = adapted(6);
        List<String> validation = List.of("great fun story", "dull slow film");
        Tensor validationLabels = Tensor.of(new float[] {1, 0}, 2, 1);
        Sequential onTexts = reviews(vectorizer);
        onTexts.compile("adam", "binary_crossentropy", "accuracy");
        Sequential onVectors = reviews(vectorizer);
        onVectors.compile("adam", "binary_crossentropy", "accuracy");

        var withTexts = onTexts.fit(TEXTS, LABELS, FitOptions.builder().epochs(2)
                .validationData(validation, validationLabels).build());
        var withVectors = onVectors.fit(vectorizer.transform(TEXTS), LABELS, FitOptions.builder().epochs(2)
                .validationData(vectorizer.transform(validation), validationLabels).build());

        assertEquals(withVectors.history(), withTexts.history());
        assertEquals(2, withTexts.get("val_accuracy").size());
    }

    @Test
    void predictionOfManyTextsIsThatOfEachChunk() {
        Sequential model = reviews(adapted(6));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(TEXTS.get(i % TEXTS.size()) + (i % 3 == 0 ? " great" : ""));
        }
        Tensor all = model.predict(many);
        assertArrayEquals(new int[] {5000, 1}, all.shape());
        assertArrayEquals(model.predict(model.vectorizer().orElseThrow().transform(many)).toArray(), all.toArray());
    }
}
