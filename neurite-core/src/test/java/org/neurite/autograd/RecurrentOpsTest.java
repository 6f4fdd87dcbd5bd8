package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class RecurrentOpsTest {
    private static final int BATCH = 3;
    private static final int TIME = 5;
    private static final int IN = 3;
    private static final int UNITS = 4;

    /** The cell families under test; each knows its weight shapes and how to call its op. */
    enum Kind {
        SIMPLE_TANH(1, false, false), SIMPLE_RELU(1, false, false), SIMPLE_SIGMOID(1, false, false),
        SIMPLE_LINEAR(1, false, false), LSTM(4, true, false), GRU(3, false, true), GRU_RESET_BEFORE(3, false, false);

        final int gates;
        final boolean cellState;
        final boolean twoBiasRows;

        Kind(int gates, boolean cellState, boolean twoBiasRows) {
            this.gates = gates;
            this.cellState = cellState;
            this.twoBiasRows = twoBiasRows;
        }

        /** x, W, U, b, then the initial states when asked for. */
        Tensor[] inputs(Rng rng, boolean initialState) {
            List<Tensor> t = new ArrayList<>(List.of(Tensor.normal(rng, 0, 1, BATCH, TIME, IN),
                    Tensor.normal(rng, 0, 0.5f, IN, gates * UNITS), Tensor.normal(rng, 0, 0.5f, UNITS, gates * UNITS),
                    twoBiasRows ? Tensor.normal(rng, 0, 0.5f, 2, gates * UNITS)
                            : Tensor.normal(rng, 0, 0.5f, gates * UNITS)));
            if (initialState) {
                t.add(Tensor.normal(rng, 0, 0.5f, BATCH, UNITS));
                if (cellState) {
                    t.add(Tensor.normal(rng, 0, 0.5f, BATCH, UNITS));
                }
            }
            if (this == SIMPLE_RELU) {
                // Keep most pre-activations clear of relu's kink, where finite differences are meaningless.
                t.set(3, t.get(3).add(1f));
            }
            return t.toArray(Tensor[]::new);
        }

        RecurrentOutput run(Variable[] v, Tensor mask, RecurrentOptions o) {
            Variable h0 = v.length > 4 ? v[4] : null;
            return switch (this) {
                case LSTM -> LstmOps.lstm(v[0], v[1], v[2], v[3], h0, v.length > 5 ? v[5] : null, mask, o);
                case GRU -> GruOps.gru(v[0], v[1], v[2], v[3], h0, mask, true, o);
                case GRU_RESET_BEFORE -> GruOps.gru(v[0], v[1], v[2], v[3], h0, mask, false, o);
                case SIMPLE_TANH -> SimpleRnnOps.simpleRnn(v[0], v[1], v[2], v[3], h0, mask, FusedActivation.TANH, o);
                case SIMPLE_RELU -> SimpleRnnOps.simpleRnn(v[0], v[1], v[2], v[3], h0, mask, FusedActivation.RELU, o);
                case SIMPLE_SIGMOID ->
                        SimpleRnnOps.simpleRnn(v[0], v[1], v[2], v[3], h0, mask, FusedActivation.SIGMOID, o);
                case SIMPLE_LINEAR ->
                        SimpleRnnOps.simpleRnn(v[0], v[1], v[2], v[3], h0, mask, FusedActivation.LINEAR, o);
            };
        }

        /** Output and states flattened into one variable, so one check covers every gradient path. */
        Variable all(Variable[] v, Tensor mask, RecurrentOptions o) {
            RecurrentOutput out = run(v, mask, o);
            if (out.h() == null) {
                return out.output();
            }
            List<Variable> parts = new ArrayList<>(List.of(out.output().reshape(-1), out.h().reshape(-1)));
            if (out.c() != null) {
                parts.add(out.c().reshape(-1));
            }
            return Reshaping.concat(0, parts.toArray(Variable[]::new));
        }
    }

    enum Padding { NONE, POST, PRE, ARBITRARY }

    static Tensor mask(Padding padding) {
        int[] lengths = {5, 2, 4};
        if (padding == Padding.NONE) {
            return null;
        }
        Tensor m = Tensor.zeros(BATCH, TIME);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < TIME; t++) {
                boolean real = switch (padding) {
                    case POST -> t < lengths[b];
                    case PRE -> t >= TIME - lengths[b];
                    default -> (t * 7 + b * 3) % 3 != 0;
                };
                m.set(real ? 1f : 0f, b, t);
            }
        }
        return m;
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Padding padding : Padding.values()) {
                for (boolean sequences : new boolean[] {false, true}) {
                    all.add(Arguments.of(kind, padding, sequences, false, false));
                }
                all.add(Arguments.of(kind, padding, true, true, true));
                all.add(Arguments.of(kind, padding, false, true, false));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} mask {1} sequences {2} backwards {3} state {4}")
    @MethodSource("combinations")
    void gradientsMatchFiniteDifferences(Kind kind, Padding padding, boolean sequences, boolean backwards,
                                         boolean state) {
        RecurrentOptions o = RecurrentOptions.DEFAULT.withReturnSequences(sequences).withGoBackwards(backwards)
                .withReturnState(state);
        Tensor mask = mask(padding);
        check(kind, v -> kind.all(v, mask, o), kind.inputs(new Rng(kind.ordinal() + 11), state));
    }

    /** relu's kink lies within the default step of some pre-activations: a finer step avoids it. */
    private static void check(Kind kind, java.util.function.Function<Variable[], Variable> f, Tensor... inputs) {
        if (kind == Kind.SIMPLE_RELU) {
            GradientCheck.Result result = GradientCheck.check(f, 1e-3f, inputs);
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
        } else {
            assertGradientsMatch(f, inputs);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void zeroOutputForMaskGradientsMatchFiniteDifferences(Kind kind) {
        RecurrentOptions o = RecurrentOptions.DEFAULT.withReturnSequences(true).withZeroOutputForMask(true);
        Tensor mask = mask(Padding.POST);
        check(kind, v -> kind.all(v, mask, o), kind.inputs(new Rng(5), false));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void maskedBatchEqualsEachSequenceRunAlone(Kind kind) {
        for (Padding padding : new Padding[] {Padding.POST, Padding.PRE}) {
            Tensor[] inputs = kind.inputs(new Rng(9), false);
            Tensor mask = mask(padding);
            RecurrentOptions o = RecurrentOptions.DEFAULT;
            Variable[] batch = params(inputs);
            Variable last = kind.run(batch, mask, o).output();
            last.mul(Variable.constant(Tensor.ones(last.shape()))).sum().backward();
            Tensor sumW = Tensor.zeros(inputs[1].shape());
            for (int b = 0; b < BATCH; b++) {
                int length = (int) mask.slice(0, b, b + 1).sum().item();
                int start = padding == Padding.POST ? 0 : TIME - length;
                Tensor xb = inputs[0].slice(0, b, b + 1).slice(1, start, start + length).copy();
                Variable[] alone = params(new Tensor[] {xb, inputs[1], inputs[2], inputs[3]});
                Variable out = kind.run(alone, null, o).output();
                assertTrue(out.value().allClose(last.value().slice(0, b, b + 1), Tolerances.ROUNDING), "row " + b);
                out.sum().backward();
                Tensor dx = batch[0].grad().slice(0, b, b + 1).slice(1, start, start + length);
                assertTrue(alone[0].grad().allClose(dx, Tolerances.ROUNDING), "dx row " + b);
                sumW.addInPlace(alone[1].grad());
            }
            assertTrue(sumW.allClose(batch[1].grad(), Tolerances.REORDERED_SUMS), "dW " + padding);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void truncatedBpttEqualsDetachingTheStateBetweenWindows(Kind kind) {
        int window = 2;
        Tensor[] inputs = kind.inputs(new Rng(21), false);
        RecurrentOptions seq = RecurrentOptions.DEFAULT.withReturnSequences(true);
        Tensor r = Tensor.uniform(new Rng(4), 0.5f, 1.5f, BATCH, TIME, UNITS);
        Variable[] fused = params(inputs);
        kind.run(fused, null, seq.withTruncateBptt(window)).output().mul(Variable.constant(r)).sum().backward();
        Variable[] chunked = params(inputs);
        List<Variable> outputs = new ArrayList<>();
        Variable h = null;
        Variable c = null;
        for (int start = 0; start < TIME; start += window) {
            int end = Math.min(TIME, start + window);
            List<Variable> args = new ArrayList<>(List.of(Reshaping.slice(chunked[0], 1, start, end), chunked[1],
                    chunked[2], chunked[3]));
            if (h != null) {
                args.add(h.detach());
                if (c != null) {
                    args.add(c.detach());
                }
            }
            RecurrentOutput out = kind.run(args.toArray(Variable[]::new), null, seq.withReturnState(true));
            outputs.add(out.output());
            h = out.h();
            c = out.c();
        }
        Reshaping.concat(1, outputs.toArray(Variable[]::new)).mul(Variable.constant(r)).sum().backward();
        for (int i = 0; i < 4; i++) {
            assertTrue(fused[i].grad().allClose(chunked[i].grad(), Tolerances.REORDERED_SUMS), "input " + i);
        }
    }

    @Test
    void truncationLongerThanTheSequenceChangesNothing() {
        Tensor[] inputs = Kind.LSTM.inputs(new Rng(2), false);
        Variable[] a = params(inputs);
        Variable[] b = params(inputs);
        Kind.LSTM.run(a, null, RecurrentOptions.DEFAULT).output().sum().backward();
        Kind.LSTM.run(b, null, RecurrentOptions.DEFAULT.withTruncateBptt(TIME)).output().sum().backward();
        assertTrue(a[2].grad().allClose(b[2].grad(), 0f));
    }

    /**
     * With enough rows, the time loop gives each thread a block of rows for every step; run inside
     * another parallel region, the same call stays on one thread. Rows never mix and every product
     * sums in the same order, so the two agree, masked rows, states and every gradient included, up
     * to rounding: not bit for bit only because the Vector API's exp and tanh may round differently
     * in the last bit before and after the JIT compiles them.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void rowBlocksOnSeveralThreadsMatchOneThread(Kind kind) {
        int batch = 130;
        int time = 4;
        int units = 64;
        Rng rng = new Rng(kind.ordinal() + 5);
        Tensor[] inputs = {Tensor.normal(rng, 0, 1, batch, time, 6),
            Tensor.normal(rng, 0, 0.3f, 6, kind.gates * units), Tensor.normal(rng, 0, 0.3f, units, kind.gates * units),
            kind.twoBiasRows ? Tensor.normal(rng, 0, 0.3f, 2, kind.gates * units)
                    : Tensor.normal(rng, 0, 0.3f, kind.gates * units)};
        Tensor mask = Tensor.zeros(batch, time);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < (b * 7) % (time + 1); t++) {
                mask.set(1f, b, t);
            }
        }
        RecurrentOptions o = RecurrentOptions.DEFAULT.withReturnSequences(true).withReturnState(true);
        Tensor r = Tensor.uniform(rng, 0.5f, 1.5f, batch, time, units);
        Variable[] split = params(inputs);
        Variable splitOut = kind.run(split, mask, o).output();
        splitOut.mul(Variable.constant(r)).sum().backward();
        Variable[] serial = params(inputs);
        Variable[] serialOut = new Variable[1];
        org.neurite.kernels.Parallel.forRange(0, 2, 1, (from, to) -> {
            if (from == 0) {
                serialOut[0] = kind.run(serial, mask, o).output();
                serialOut[0].mul(Variable.constant(r)).sum().backward();
            }
        });
        assertTrue(splitOut.value().allClose(serialOut[0].value(), Tolerances.ROUNDING), "output");
        for (int i = 0; i < inputs.length; i++) {
            assertTrue(split[i].grad().allClose(serial[i].grad(), Tolerances.REORDERED_SUMS), "gradient of input " + i);
        }
    }

    private static Variable[] params(Tensor[] values) {
        return Stream.of(values).map(Variable::parameter).toArray(Variable[]::new);
    }

}
