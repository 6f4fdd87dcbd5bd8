package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Variable;
import org.neurite.nn.layers.Concatenate;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** The public gradient checker on layers and models, and on a layer whose backward is wrong. */
class GradientChecksTest {
    private static final Tensor X = Tensor.normal(new Rng(11), 0, 1, 4, 5);

    /** y = x ⊙ w, with a backward that doubles the weight's gradient. */
    private static final class BrokenScale extends Layer {
        private Parameter w;

        BrokenScale() {
            super("broken");
        }

        @Override
        public String type() {
            return "BrokenScale";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        protected void createWeights(List<int[]> inputShapes, Rng rng) {
            w = addParameter("w", Initializer.byName("ones"), null, true, rng, inputShapes.get(0));
        }

        @Override
        public Variable call(Variable input, boolean training) {
            Variable weight = w.variable();
            Tensor value = input.value().mul(weight.value());
            return Variable.result("broken_scale", value, g -> new Tensor[] {g, g.mul(input.value()).mul(2f).sumTo(
                    weight.shape())}, input, weight);
        }
    }

    @Test
    void denseGradientsMatchForEveryWeightAndTheInput() {
        Dense dense = new Dense(3, Activation.TANH);
        GradientCheck.Result result = GradientChecks.checkLayer(dense, X);

        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void checkingLeavesTheWeightsAsTheyWere() {
        Dense dense = new Dense(3, Activation.TANH);
        GradientChecks.checkLayer(dense, X);
        List<Tensor> before = dense.getWeights();

        GradientChecks.checkLayer(dense, X);

        for (int i = 0; i < before.size(); i++) {
            assertTrue(before.get(i).allClose(dense.getWeights().get(i), 0f));
        }
    }

    @Test
    void smallMlpModelGradientsMatch() {
        SequentialNetwork mlp = SequentialNetwork.of(Input.of(5), new Dense(6, Activation.TANH), new Dropout(0.5f),
                new Dense(4, Activation.SIGMOID), new Dense(2, Activation.SOFTMAX)).seed(3);

        GradientCheck.Result result = GradientChecks.checkModel(mlp, X);

        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void modelWithTwoInputsAndTwoOutputsIsCheckedWhole() {
        SymbolicTensor a = Input.named("a", 5);
        SymbolicTensor b = Input.named("b", 2);
        SymbolicTensor h = new Dense(3, Activation.TANH).apply(new Concatenate().apply(a, b));
        Network model = Network.functional(List.of(a, b), List.of(new Dense(2).apply(h), new Dense(1).apply(h))).seed(5);

        GradientCheck.Result result = GradientChecks.checkModel(model, X, Tensor.normal(new Rng(12), 0, 1, 4, 2));

        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void aWrongBackwardIsCaughtAndLocated() {
        BrokenScale broken = new BrokenScale();

        GradientCheck.Result result = GradientChecks.checkLayer(broken, X);

        assertFalse(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
        assertEquals("broken.w", result.where(), result::toString);
        assertTrue(result.toString().startsWith("max error "), result::toString);
    }
}
