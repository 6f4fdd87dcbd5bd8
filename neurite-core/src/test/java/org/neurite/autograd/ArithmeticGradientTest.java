package org.neurite.autograd;

import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;

/** Finite-difference checks of the arithmetic family, in every broadcasting pattern, for both operands. */
class ArithmeticGradientTest {
    private final Rng rng = new Rng(21);

    enum Op {
        ADD(Variable::add), SUB(Variable::sub), MUL(Variable::mul), DIV(Variable::div), MAXIMUM(Arithmetic::maximum);

        final BinaryOperator<Variable> f;

        Op(BinaryOperator<Variable> f) {
            this.f = f;
        }
    }

    /** Pairs of operand shapes; each is also tried the other way round, so each side is the broadcast one. */
    private static final int[][][] PATTERNS = {
        {{3, 4}, {3, 4}},         // same shape
        {{3, 4}, {}},             // rank-0 scalar
        {{}, {}},                 // both rank 0
        {{3, 4}, {4}},            // row vector [B, N] + [N]
        {{3, 4}, {3, 1}},         // column [B, N] + [B, 1]
        {{3, 1}, {1, 4}},         // column + row
        {{2, 1, 4}, {3, 1}},      // [B, 1, N] + [M, 1]
        {{2, 3, 4}, {2, 1, 4}},   // middle axis stretched
    };

    static Stream<Arguments> opsAndPatterns() {
        List<Arguments> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            for (int[][] p : PATTERNS) {
                cases.add(Arguments.of(op, p[0], p[1]));
                if (p[0].length != p[1].length || !java.util.Arrays.equals(p[0], p[1])) {
                    cases.add(Arguments.of(op, p[1], p[0]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("opsAndPatterns")
    void binaryGradientsMatchFiniteDifferencesForBothOperandsInEveryBroadcastPattern(Op op, int[] shapeA,
                                                                                     int[] shapeB) {
        Tensor a;
        Tensor b;
        switch (op) {
            case DIV -> {
                a = TestTensors.normal(rng, shapeA);
                b = TestTensors.positive(rng, shapeB);
            }
            case MAXIMUM -> {
                // a on a grid of 0.2, b between grid points: a and b never tie within the step.
                a = TestTensors.distinct(rng, shapeA);
                b = TestTensors.distinct(rng, shapeB).add(TestTensors.KINK_MARGIN);
            }
            default -> {
                a = TestTensors.normal(rng, shapeA);
                b = TestTensors.normal(rng, shapeB);
            }
        }
        assertGradientsMatch(v -> op.f.apply(v[0], v[1]), a, b);
    }

    @Test
    void operandUsedOnBothSidesGetsBothGradients() {
        assertGradientsMatch(v -> v[0].mul(v[0]).add(v[0].div(v[0].add(3f))), TestTensors.positive(rng, 3, 2));
    }

    @Test
    void scalarAddAndMulGradientsMatchFiniteDifferences() {
        assertGradientsMatch(v -> v[0].add(2.5f), TestTensors.normal(rng, 3, 4));
        assertGradientsMatch(v -> v[0].mul(-3f), TestTensors.normal(rng, 3, 4));
    }

    @Test
    void negGradientMatchesFiniteDifferences() {
        assertGradientsMatch(v -> v[0].neg(), TestTensors.normal(rng, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(floats = {2f, 3f, 0.5f, -1f, 1.5f})
    void powGradientMatchesFiniteDifferences(float exponent) {
        assertGradientsMatch(v -> v[0].pow(exponent), TestTensors.positive(rng, 2, 3));
    }

    @Test
    void integerPowGradientMatchesFiniteDifferencesForNegativeBases() {
        assertGradientsMatch(v -> v[0].pow(3f), TestTensors.normal(rng, 2, 3));
    }
}
