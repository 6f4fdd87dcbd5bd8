package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.tensor.Tensor;

/**
 * The code of docs/guide/02-activation-functions.md: each activation on a grid, drawn with XChart,
 * and checked against its formula in double precision.
 *
 * <p>The chart goes to a temporary folder. To refresh the copy the guide shows, run this test with
 * {@code -Dneurite.guide.images=docs/guide/img} (a path relative to the repository root).
 */
class ActivationFunctionsChapterTest {
    /** The guide prints these to four decimals: they agree to half a unit in the last one. */
    private static final double FOUR_DECIMALS = 5e-5;
    /** Float32 activations against their double-precision formulas, absolute, for inputs within [-4, 4]. */
    private static final double FORMULA_AGREEMENT = 1e-5;
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_SCALE = 1.0507009873554805;

    @Test
    void activationsMatchTheirFormulas() {
        float[] inputs = {-2.5f, -1f, -0.3f, 0.7f, 1.5f, 3f};
        Map<Activation, DoubleUnaryOperator> formulas = new LinkedHashMap<>();
        formulas.put(Activation.RELU, x -> Math.max(x, 0));
        formulas.put(Activation.SIGMOID, ActivationFunctionsChapterTest::sigmoid);
        formulas.put(Activation.TANH, Math::tanh);
        formulas.put(Activation.LEAKY_RELU, x -> x > 0 ? x : 0.2 * x);
        formulas.put(Activation.ELU, x -> x > 0 ? x : Math.exp(x) - 1);
        formulas.put(Activation.SELU, x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1)));
        formulas.put(Activation.GELU, x -> x / 2 * (1 + erf(x / Math.sqrt(2))));
        formulas.put(Activation.SOFTPLUS, x -> Math.log1p(Math.exp(x)));
        formulas.put(Activation.SILU, x -> x * sigmoid(x));
        formulas.forEach((activation, formula) -> {
            float[] got = activation.apply(Variable.constant(Tensor.vector(inputs))).value().toArray();
            for (int i = 0; i < inputs.length; i++) {
                assertEquals(formula.applyAsDouble(inputs[i]), got[i], FORMULA_AGREEMENT,
                        activation.kerasName() + "(" + inputs[i] + ")");
            }
        });
    }

    @Test
    void softmaxTurnsScoresIntoProbabilities() {
        // tag::softmax[]
        Tensor scores = Tensor.of(new float[] {1f, 2f, 3f}, 1, 3);       // (batch, classes) = (1, 3)
        Tensor p = Activation.SOFTMAX.apply(Variable.constant(scores)).value();
        System.out.println(p);   // Tensor[1, 3] [0.09003057, 0.24472848, 0.66524094]
        // end::softmax[]
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new float[] {(float) (Math.exp(1) / sum), (float) (Math.exp(2) / sum),
                (float) (Math.exp(3) / sum)}, p.toArray(), (float) FORMULA_AGREEMENT);
        assertEquals(0.0900, p.get(0, 0), FOUR_DECIMALS);
        assertEquals(0.2447, p.get(0, 1), FOUR_DECIMALS);
        assertEquals(0.6652, p.get(0, 2), FOUR_DECIMALS);
    }

    @Test
    void drawsEveryElementwiseActivation(@TempDir Path tmp) throws IOException {
        Path folder = System.getProperty("neurite.guide.images") == null ? tmp
                : GuideSnippetsTest.repositoryRoot().resolve(System.getProperty("neurite.guide.images"));
        Path file = Files.createDirectories(folder).resolve("activations.png");
        // tag::plot[]
        List<Activation> activations = List.of(Activation.RELU, Activation.LEAKY_RELU, Activation.ELU,
                Activation.SIGMOID, Activation.TANH, Activation.SELU,
                Activation.SOFTPLUS, Activation.SILU, Activation.GELU);
        Tensor grid = Tensor.arange(-4f, 4.01f, 0.05f);                  // 161 points from -4 to 4
        List<XYChart> charts = new ArrayList<>();
        for (Activation activation : activations) {
            Tensor y = activation.apply(Variable.constant(grid)).value();
            XYChart chart = new XYChartBuilder().width(300).height(240).title(activation.kerasName()).build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setYAxisMin(-2.0).setYAxisMax(4.0);
            chart.addSeries(activation.kerasName(), grid.toArray(), y.toArray()).setMarker(SeriesMarkers.NONE);
            charts.add(chart);
        }
        BitmapEncoder.saveBitmap(charts, 3, 3, file.toString(), BitmapFormat.PNG);   // a 3 x 3 grid
        // end::plot[]
        assertTrue(Files.size(file) > 10_000, "the chart should hold nine drawn panels");
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The error function by its Maclaurin series, exact to double rounding for |z| <= 3. */
    private static double erf(double z) {
        double term = z;
        double sum = z;
        for (int n = 1; n < 100; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
