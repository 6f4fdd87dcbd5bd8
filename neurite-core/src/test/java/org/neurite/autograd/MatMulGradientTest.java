package org.neurite.autograd;

import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;

/** Finite-difference checks of matmul for 2-D, batched 3-D and 3-D by shared 2-D, every transpose combination. */
class MatMulGradientTest {
    private static final int BATCH = 2;
    private static final int M = 3;
    private static final int K = 4;
    private static final int N = 5;

    enum Ranks { MATRIX, BATCHED, BATCH_TIMES_SHARED_MATRIX }

    static Stream<Arguments> ranksAndFlags() {
        List<Arguments> cases = new ArrayList<>();
        for (Ranks ranks : Ranks.values()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    cases.add(Arguments.of(ranks, ta, tb));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("ranksAndFlags")
    void matmulGradientsMatchFiniteDifferencesForEveryTransposeCombination(Ranks ranks, boolean ta, boolean tb) {
        Rng rng = new Rng(ranks.ordinal() * 4L + (ta ? 2 : 0) + (tb ? 1 : 0));
        int[] a = ta ? new int[] {K, M} : new int[] {M, K};
        int[] b = tb ? new int[] {N, K} : new int[] {K, N};
        Tensor av = TestTensors.normal(rng, ranks == Ranks.MATRIX ? a : new int[] {BATCH, a[0], a[1]});
        Tensor bv = TestTensors.normal(rng, ranks == Ranks.BATCHED ? new int[] {BATCH, b[0], b[1]} : b);
        assertGradientsMatch(v -> MatMul.matmul(v[0], v[1], ta, tb), av, bv);
    }
}
