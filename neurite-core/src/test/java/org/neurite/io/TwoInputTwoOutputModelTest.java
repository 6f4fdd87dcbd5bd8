package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Add;
import org.neurite.nn.layers.Average;
import org.neurite.nn.layers.Concatenate;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Maximum;
import org.neurite.nn.layers.Minimum;
import org.neurite.nn.layers.Multiply;
import org.neurite.nn.layers.Subtract;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.History;
import org.neurite.train.Losses;
import org.neurite.train.Metrics;
import org.neurite.train.Trainer;

/** A functional model with two inputs, merge layers and two outputs: built, summarised, trained, saved, loaded. */
class TwoInputTwoOutputModelTest {
    private static final int N = 256;

    @TempDir
    Path dir;

    /** Inputs a (4 features) and b (3); outputs score = f(a, b) (regression) and flag (binary). */
    private static Network model(long seed) {
        SymbolicTensor a = Input.named("a", 4);
        SymbolicTensor b = Input.named("b", 3);
        SymbolicTensor ha = new Dense(6, Activation.TANH).apply(a);
        SymbolicTensor hb = new Dense(6, Activation.TANH).apply(b);
        SymbolicTensor joined = new Concatenate().apply(new Add().apply(ha, hb), new Subtract().apply(ha, hb),
                new Multiply().apply(ha, hb), new Average().apply(ha, hb), new Maximum().apply(ha, hb),
                new Minimum().apply(ha, hb));
        SymbolicTensor score = Dense.builder().optName("score").setUnits(1).build().apply(joined);
        SymbolicTensor flag = Dense.builder().optName("flag").setUnits(1).optActivation(Activation.SIGMOID).build()
                .apply(joined);
        return Network.functional(List.of(a, b), List.of(score, flag)).seed(seed);
    }

    private static List<Tensor> inputs(long seed) {
        Rng rng = new Rng(seed);
        return List.of(Tensor.normal(rng, 0, 1, N, 4), Tensor.normal(rng, 0, 1, N, 3));
    }

    /** score = sum(a) - b0, flag = 1 when a0 > b1. */
    private static List<Tensor> targets(List<Tensor> xs) {
        Tensor score = Tensor.empty(N, 1);
        Tensor flag = Tensor.empty(N, 1);
        for (int i = 0; i < N; i++) {
            Tensor a = xs.get(0);
            Tensor b = xs.get(1);
            score.set(a.get(i, 0) + a.get(i, 1) + a.get(i, 2) + a.get(i, 3) - b.get(i, 0), i, 0);
            flag.set(a.get(i, 0) > b.get(i, 1) ? 1f : 0f, i, 0);
        }
        return List.of(score, flag);
    }

    private static Trainer compile(Network model) {
        return Trainer.compile(model, new Adam(1e-2f), List.of(Losses.meanSquaredError(), Losses.binaryCrossentropy()));
    }

    @Test
    void buildsAndSummarisesWithEveryLayer() {
        String summary = model(1).summary();
        for (String row : new String[] {"a (InputLayer)", "b (InputLayer)", "concatenate (Concatenate)",
            "add (Add)", "minimum (Minimum)", "score (Dense)", "flag (Dense)", "(None, 36)"}) {
            assertTrue(summary.contains(row), () -> row + " missing from\n" + summary);
        }
        // two Dense(6) on 4 and 3 features, two Dense(1) on 36
        assertTrue(summary.contains("Total params: " + (30 + 24 + 37 + 37) + " "), summary);
    }

    @Test
    void trainsOnTheSumOfBothLossesAndLogsEach() {
        Network model = model(2);
        Trainer trainer = compile(model);
        List<Tensor> xs = inputs(3);
        List<Tensor> ys = targets(xs);
        History history = trainer.fit(xs, ys, FitOptions.builder().batchSize(32).epochs(30).validationSplit(0.25f)
                .build());

        assertEquals(List.of("loss", "score_loss", "flag_loss", "val_loss", "val_score_loss", "val_flag_loss"),
                List.copyOf(history.values().keySet()));
        List<Double> loss = history.get("loss");
        assertTrue(loss.getLast() < 0.3 * loss.getFirst(), () -> "loss did not fall: " + loss);
        double sum = history.get("score_loss").getLast() + history.get("flag_loss").getLast();
        assertEquals(sum, loss.getLast(), Tolerances.ROUNDING);
        var evaluated = trainer.evaluate(xs, ys, 64);
        assertEquals(evaluated.get("score_loss") + evaluated.get("flag_loss"), evaluated.get("loss"), Tolerances.ROUNDING);
    }

    @Test
    void savedAndLoadedModelPredictsIdentically() throws IOException {
        Network model = model(4);
        Trainer trainer = compile(model);
        List<Tensor> xs = inputs(5);
        trainer.fit(xs, targets(xs), FitOptions.builder().epochs(2).build());
        Path file = dir.resolve("two.neurite");

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        List<Tensor> expected = trainer.predict(xs, 100);
        List<Tensor> actual = compile(loaded).predict(xs, 100);
        assertEquals(2, actual.size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected.get(i).toArray(), actual.get(i).toArray());
        }
        assertEquals(model.outputNames(), loaded.outputNames());
    }

    @Test
    void refusesDataOrLossesThatDoNotFitTheModel() {
        Network model = model(6);
        List<Tensor> xs = inputs(7);
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.compile(model, new Adam(1e-3f),
                List.of(Losses.meanSquaredError())));
        assertTrue(e.getMessage().contains("2 outputs [score, flag] but 1 losses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.compile(model, new Adam(1e-3f),
                Losses.meanSquaredError(), Metrics.accuracy()));
        assertTrue(e.getMessage().contains("metrics are for models with one output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> compile(model).fit(xs.subList(0, 1), targets(xs),
                FitOptions.builder().build()));
        assertEquals("fit: model 'functional' takes 2 inputs and 2 targets, got 1 and 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> compile(model).predict(xs.get(0), 10));
    }
}
