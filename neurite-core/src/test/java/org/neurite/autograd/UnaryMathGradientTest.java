package org.neurite.autograd;

import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;

/** Finite-difference checks of the elementwise functions, each on inputs where it is differentiable. */
class UnaryMathGradientTest {

    enum Fn {
        EXP(Variable::exp, TestTensors::normal),
        LOG(Variable::log, TestTensors::positive),
        SQRT(Variable::sqrt, TestTensors::positive),
        ABS(Variable::abs, TestTensors::awayFromZero),
        TANH(Variable::tanh, TestTensors::normal),
        SIGMOID(Variable::sigmoid, TestTensors::normal),
        RELU(Variable::relu, TestTensors::awayFromZero),
        NEG(Variable::neg, TestTensors::normal);

        final UnaryOperator<Variable> f;
        final BiFunction<Rng, int[], Tensor> input;

        Fn(UnaryOperator<Variable> f, BiFunction<Rng, int[], Tensor> input) {
            this.f = f;
            this.input = input;
        }
    }

    @ParameterizedTest
    @EnumSource(Fn.class)
    void unaryGradientsMatchFiniteDifferences(Fn fn) {
        Rng rng = new Rng(fn.ordinal());
        assertGradientsMatch(v -> fn.f.apply(v[0]), fn.input.apply(rng, new int[] {3, 5}));
        assertGradientsMatch(v -> fn.f.apply(v[0]), fn.input.apply(rng, new int[0]));
    }
}
