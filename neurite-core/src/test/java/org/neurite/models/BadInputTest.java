package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.ModelFileException;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;

/** Each mistake a Keras user can make with the model object gets one line naming what was expected and found. */
class BadInputTest {
    @TempDir
    Path dir;

    private static Sequential oneScore() {
        return Sequential.of(Input.of(4), new Dense(1, "sigmoid"));
    }

    @Test
    void compilingACategoricalLossOnOneScoreNamesTheOutput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> oneScore().compile("adam", "sparse_categorical_crossentropy"));
        assertEquals("compile: loss 'sparse_categorical_crossentropy' does not fit output 'dense' of shape (None, 1);"
                + " expected a last axis of 2 or more class scores, got 1 (for one score per sample use"
                + " binary_crossentropy)", e.getMessage());
    }

    @Test
    void compilingAFunctionalModelNamesTheOutputThatDoesNotFit() {
        SymbolicTensor in = Input.of(4);
        Model model = new Model(List.of(in), List.of(new Dense(3, "softmax").apply(in),
                new Dense(1, "sigmoid").apply(in)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.compile("adam", "categorical_crossentropy"));
        assertTrue(e.getMessage().startsWith("compile: loss 'categorical_crossentropy' does not fit output 'dense_1'"
                + " of shape (None, 1)"), e.getMessage());
    }

    @Test
    void fittingWithMismatchedSampleCountsNamesBothCounts() {
        Sequential model = oneScore();
        model.compile("adam", "binary_crossentropy");
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(Tensor.zeros(10, 4), Tensor.zeros(9, 1)));
        assertEquals("fit: model 'sequential' got 10 samples in its input but 9 targets for output 'dense';"
                + " every input and target needs one row per sample", e.getMessage());
    }

    @Test
    void usingAModelBeforeCompilingSaysSo() {
        var e = assertThrows(IllegalStateException.class, () -> oneScore().fit(Tensor.zeros(2, 4), Tensor.zeros(2, 1)));
        assertEquals("fit: model 'sequential' is not compiled; call compile(optimizer, loss, metrics...) first",
                e.getMessage());
    }

    @Test
    void predictingTextsWithoutAVectorizerNamesTheModelAndItsInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> oneScore().predict(List.of("a", "b")));
        assertEquals("predict: model 'sequential' takes tensors of shape (None, 4), got 2 texts; only a model whose"
                + " first layer is a TextVectorization (Input.ofStrings()) reads texts", e.getMessage());
    }

    @Test
    void loadingAFileOfAnotherFormatNamesTheFileAndBothMagics() throws IOException {
        // a zip archive ("PK\3\4", then the first entry) under a name no foreign format claims; a .keras
        // name is handed to neurite-keras instead (ForeignModelFormatsTest)
        Path keras = dir.resolve("model.zip");
        byte[] zip = new byte[200];
        System.arraycopy(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}, 0, zip, 0, 10);
        Files.write(keras, zip);
        var e = assertThrows(ModelFileException.class, () -> Model.load(keras));
        assertEquals(keras + ": not a Neurite model file (starts with bytes 50 4b 03 04 14 00 00 00, expected"
                + " \"NEURITE1\")", e.getMessage());
    }

    @Test
    void unknownWordsListTheAcceptedOnes() {
        Sequential model = oneScore();
        assertEquals("unknown optimizer 'adamax'; known: [adam, adamw, sgd, rmsprop, adagrad]",
                assertThrows(IllegalArgumentException.class, () -> model.compile("adamax", "mse")).getMessage());
        assertEquals("unknown loss 'hinge'; known: [binary_crossentropy, categorical_crossentropy, huber, mae,"
                + " mean_absolute_error, mean_squared_error, mse, sparse_categorical_crossentropy]",
                assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "hinge")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "mse", "f1"))
                .getMessage().startsWith("unknown metric 'f1'; known: [accuracy, acc, binary_accuracy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dense(3, "rellu"))
                .getMessage().startsWith("unknown activation 'rellu'; known: [linear, relu"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> org.neurite.nn.Initializer.byName("xavier"))
                .getMessage().startsWith("unknown initializer 'xavier'; known: [glorot_uniform"));
    }

    @Test
    void everyKerasWordCompiles() {
        for (String optimizer : List.of("adam", "sgd", "rmsprop", "adamw", "adagrad", "Adam", "RMSprop")) {
            for (String loss : List.of("mse", "mae", "huber", "binary_crossentropy")) {
                Sequential model = oneScore();
                model.compile(optimizer, loss, "accuracy", "precision", "recall", "auc");
                var logs = model.trainOnBatch(Tensor.zeros(4, 4), Tensor.ones(4, 1));
                assertEquals(List.of("loss", "accuracy", "precision", "recall", "auc"), List.copyOf(logs.keySet()));
                assertEquals(optimizer.toLowerCase(), model.optimizer().name());
            }
        }
    }
}
