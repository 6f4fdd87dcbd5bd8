package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.Variable;
import org.neurite.cli.Main;
import org.neurite.models.Model;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;
import org.neurite.train.Losses;

class AddingProblemTest {
    private static final double NORM_TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void eachSequenceHasOneMarkerInEachHalfAndTheirSumAsTarget() {
        Tensor[] data = AddingProblem.sequences(new Rng(1), 50, 12);
        for (int i = 0; i < 50; i++) {
            int firstHalf = 0;
            int secondHalf = 0;
            float sum = 0f;
            for (int t = 0; t < 12; t++) {
                float marker = data[0].get(i, t, 1);
                firstHalf += t < 6 ? (int) marker : 0;
                secondHalf += t >= 6 ? (int) marker : 0;
                sum += marker * data[0].get(i, t, 0);
            }
            assertEquals(1, firstHalf);
            assertEquals(1, secondHalf);
            assertEquals(sum, data[1].get(i, 0), Tolerances.ROUNDING);
        }
    }

    @Test
    void accuracyCountsPredictionsWithinTheTolerance() {
        var accuracy = AddingProblem.accuracy();
        accuracy.update(Tensor.of(new float[] {1.00f, 1.03f, 1.05f, 0.5f}, 4, 1),
                Tensor.of(new float[] {1f, 1f, 1f, 1f}, 4, 1));
        assertEquals(0.5, accuracy.result(), Tolerances.ROUNDING);
    }

    @Test
    void evaluationReportsMseAndAccuracy() {
        Recipe recipe = new AddingProblem().configured(List.of("--length", "10", "--units", "2"));
        Tensor[] data = AddingProblem.sequences(new Rng(3), 8, 10);
        Model model = recipe.model(1);
        recipe.compile(model);
        var test = model.evaluate(data[0], data[1], 8);
        assertEquals(List.of("loss", "mse", "accuracy"), List.copyOf(test.keySet()));
        assertEquals(test.get("loss"), test.get("mse"), Tolerances.ROUNDING);
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        Recipe gru = new AddingProblem().configured(List.of("--cell", "gru", "--length", "20"));
        assertEquals(AddingProblem.Cell.GRU, ((AddingProblem) gru).cell());
        assertArrayEquals(new int[] {20, 2}, gru.data().trainX().row(0).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AddingProblem().configured(List.of("--cell", "transformer")));
        assertTrue(e.getMessage().contains("--cell"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearRegression().configured(List.of("--cell", "gru")));
    }

    /** The norms read through the initial state equal those of a hand-unrolled SimpleRNN with a probe per step. */
    @Test
    void hiddenStateGradientsMatchAHandUnrolledNetwork() {
        SimpleRNN rnn = SimpleRNN.builder().setUnits(3).optReturnState(true).build();
        Dense head = new Dense(1);
        Network model = SequentialNetwork.of(Input.of(6, 2), rnn, head).seed(3);
        model.build();
        Tensor[] data = AddingProblem.sequences(new Rng(2), 4, 6);
        double[] norms = HiddenStateGradients.norms(rnn, head, Losses.meanSquaredError(), data[0], data[1]);

        Variable w = rnn.parameters().get(0).variable();
        Variable u = rnn.parameters().get(1).variable();
        Variable b = rnn.parameters().get(2).variable();
        Variable[] probes = new Variable[6];
        Variable h = Variable.constant(Tensor.zeros(4, 3));
        for (int t = 0; t < 6; t++) {
            probes[t] = Variable.parameter(Tensor.zeros(4, 3));
            h = h.add(probes[t]);                                    // h_t + 0: its gradient is ∂L/∂h_t
            Variable x = Variable.constant(data[0].slice(1, t, t + 1).reshape(4, 2));
            h = x.matmul(w).add(h.matmul(u)).add(b).tanh();
        }
        Losses.meanSquaredError().compute(head.call(h, false), data[1]).backward();
        for (int t = 0; t < 6; t++) {
            Tensor g = probes[t].grad();
            assertEquals(Math.sqrt(g.mul(g).sum().item()), norms[t], NORM_TOLERANCE * Math.max(1, norms[t]), "t=" + t);
        }
    }

    @Test
    void trainsThroughTheCommandAndWritesTheGradientPlot() throws IOException {
        int status = Main.run("train", "adding-problem", "--cell", "lstm", "--length", "8", "--samples", "64",
                "--units", "4", "--epochs", "1", "--out", dir.toString());
        assertEquals(0, status);
        for (String file : List.of("model.neurite", "history.csv", "history.png", "gradient_norms.png",
                "gradient_norms.csv")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        List<String> csv = Files.readAllLines(dir.resolve("gradient_norms.csv"));
        assertEquals("t,at_initialisation,after_training", csv.get(0));
        assertEquals(1 + 8, csv.size());
    }
}
