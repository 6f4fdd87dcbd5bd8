package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Variable;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;
import org.neurite.train.Losses;
import org.neurite.train.SGD;

/**
 * The code of docs/guide/05-gradient-descent-and-backpropagation.md: the gradients of a 2-2-1
 * sigmoid network three ways (the tape, the chain rule by hand, finite differences), then one step
 * of gradient descent by hand and by the optimizer.
 */
class BackpropagationChapterTest {
    /** Float32 tape against the same formulas in double, on values of order 0.1 to 1 (absolute). */
    private static final double TAPE_VS_HAND = 1e-6;
    /** The chapter rounds the values it quotes to four decimals. */
    private static final double FOUR_DECIMALS = 5e-5;
    private static final float LEARNING_RATE = 0.5f;

    // The example and the starting weights of the chapter, in double for the hand computation.
    private static final double[] X = {0.5, -1.0};
    private static final double Y = 1.0;
    private static final double[][] W1 = {{0.1, 0.4}, {-0.3, 0.2}};
    private static final double[] B1 = {0.0, 0.1};
    private static final double[] W2 = {0.5, -0.6};
    private static final double B2 = 0.2;

    @Test
    void theTapeTheChainRuleAndFiniteDifferencesAgree() {
        // tag::network[]
        Sequential model = Sequential.of(Input.of(2),
                new Dense(2, "sigmoid"),          // h = σ(x·W1 + b1)   (batch, 2)
                new Dense(1, "sigmoid"));         // p = σ(h·W2 + b2)   (batch, 1)
        Map<String, Parameter> w = model.parametersByPath();
        w.get("dense.kernel").value().copyFrom(Tensor.matrix(new float[][] {{0.1f, 0.4f}, {-0.3f, 0.2f}}));
        w.get("dense.bias").value().copyFrom(Tensor.vector(0f, 0.1f));
        w.get("dense_1.kernel").value().copyFrom(Tensor.matrix(new float[][] {{0.5f}, {-0.6f}}));
        w.get("dense_1.bias").value().copyFrom(Tensor.vector(0.2f));
        // end::network[]

        // tag::tape[]
        Tensor x = Tensor.matrix(new float[][] {{0.5f, -1f}});      // one example: (batch, features) = (1, 2)
        Tensor y = Tensor.matrix(new float[][] {{1f}});             // its target: (1, 1)
        Variable p = model.network().call(Variable.constant(x), true);        // forward; every op is recorded on the tape
        Variable loss = Losses.meanSquaredError().compute(p, y);    // L = (p - y)²
        loss.backward();                                            // backward: the chain rule, op by op
        for (Parameter parameter : model.network().parameters()) {
            System.out.println(parameter.path() + " grad = " + parameter.grad());
        }
        // end::tape[]
        assertEquals(0.5444626, p.value().item(), TAPE_VS_HAND);
        assertEquals(0.2075144, loss.value().item(), TAPE_VS_HAND);

        Gradients hand = byHand();
        assertClose(hand.dW1()[0], row(w.get("dense.kernel").grad(), 0));
        assertClose(hand.dW1()[1], row(w.get("dense.kernel").grad(), 1));
        assertClose(hand.db1(), w.get("dense.bias").grad().toArray());
        assertClose(hand.dW2(), w.get("dense_1.kernel").grad().toArray());
        assertClose(new double[] {hand.db2()}, w.get("dense_1.bias").grad().toArray());

        // tag::gradient-check[]
        Variable xv = Variable.constant(x);
        GradientCheck.Result check = GradientCheck.check(v -> {
            Variable h = xv.matmul(v[0]).add(v[1]).sigmoid();             // the same network, written out
            Variable out = h.matmul(v[2]).add(v[3]).sigmoid();
            return Losses.meanSquaredError().compute(out, y);
        }, w.get("dense.kernel").value(), w.get("dense.bias").value(),
                w.get("dense_1.kernel").value(), w.get("dense_1.bias").value());
        System.out.println(check);   // the largest disagreement between the tape and finite differences
        // end::gradient-check[]
        assertTrue(check.passed(Tolerances.GRADIENT_CHECK), check.toString());
    }

    /** The chain rule worked out by hand, in double: the formulas of the chapter. */
    private static Gradients byHand() {
        // tag::by-hand[]
        // forward
        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            double z1 = B1[j] + X[0] * W1[0][j] + X[1] * W1[1][j];
            h[j] = sigmoid(z1);
        }
        double p = sigmoid(B2 + h[0] * W2[0] + h[1] * W2[1]);

        // backward: δ2 = ∂L/∂z2, δ1[j] = ∂L/∂z1[j]
        double delta2 = 2 * (p - Y) * p * (1 - p);
        double[] dW2 = {h[0] * delta2, h[1] * delta2};
        double db2 = delta2;
        double[] delta1 = new double[2];
        double[][] dW1 = new double[2][2];
        for (int j = 0; j < 2; j++) {
            delta1[j] = delta2 * W2[j] * h[j] * (1 - h[j]);
            for (int i = 0; i < 2; i++) {
                dW1[i][j] = X[i] * delta1[j];
            }
        }
        // end::by-hand[]
        return new Gradients(dW1, delta1, dW2, db2);
    }

    @Test
    void oneStepOfGradientDescentByHandAndByTheOptimizer() {
        Sequential model = Sequential.of(Input.of(2), new Dense(2, "sigmoid"), new Dense(1, "sigmoid"));
        Map<String, Parameter> w = model.parametersByPath();
        w.get("dense.kernel").value().copyFrom(Tensor.matrix(new float[][] {{0.1f, 0.4f}, {-0.3f, 0.2f}}));
        w.get("dense.bias").value().copyFrom(Tensor.vector(0f, 0.1f));
        w.get("dense_1.kernel").value().copyFrom(Tensor.matrix(new float[][] {{0.5f}, {-0.6f}}));
        w.get("dense_1.bias").value().copyFrom(Tensor.vector(0.2f));
        Tensor x = Tensor.matrix(new float[][] {{0.5f, -1f}});
        Tensor y = Tensor.matrix(new float[][] {{1f}});
        Losses.meanSquaredError().compute(model.network().call(Variable.constant(x), true), y).backward();

        // tag::sgd-step[]
        new SGD(0.5f).apply(model.network().parameters());                    // w ← w - 0.5·∂L/∂w, for every weight
        Variable newP = Variable.constant(model.predict(x, 1));     // forward again, with the new weights
        float after = Losses.meanSquaredError().compute(newP, y).value().item();
        System.out.println("loss after one step: " + after);        // 0.2075 before, 0.1668 after
        // end::sgd-step[]
        Gradients hand = byHand();
        double[] expectedW2 = {W2[0] - LEARNING_RATE * hand.dW2()[0], W2[1] - LEARNING_RATE * hand.dW2()[1]};
        assertClose(expectedW2, w.get("dense_1.kernel").value().toArray());
        assertClose(new double[] {B2 - LEARNING_RATE * hand.db2()}, w.get("dense_1.bias").value().toArray());
        for (int i = 0; i < 2; i++) {
            double[] expectedRow = {W1[i][0] - LEARNING_RATE * hand.dW1()[i][0],
                W1[i][1] - LEARNING_RATE * hand.dW1()[i][1]};
            assertClose(expectedRow, row(w.get("dense.kernel").value(), i));
        }
        assertEquals(0.5916, newP.value().item(), FOUR_DECIMALS);
        assertEquals(0.1668, after, FOUR_DECIMALS);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static float[] row(Tensor matrix, int i) {
        return matrix.row(i).toArray();
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TAPE_VS_HAND, "element " + i);
        }
    }

    private record Gradients(double[][] dW1, double[] db1, double[] dW2, double db2) {
    }
}
