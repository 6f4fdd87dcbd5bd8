package org.neurite.autograd;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The primitive operations of the tape, in one list: every node of a graph is one of these. Each
 * names the class where its forward computation and its derivative rule are written side by side,
 * states the rule, and lists the kernels of {@code org.neurite.kernels.MathKernels} (or the GEMM,
 * {@code sgemm}) it runs on, which have a scalar reference and a SIMD implementation. Everything
 * else (softmax, mean, GELU, a gate) is composed from these and needs no rule of its own.
 *
 * <p>The test beside this list checks every primitive against finite differences and every kernel
 * it names against its scalar twin; a primitive added here without both fails it.
 *
 * <pre>{@code
 * Variable.result(Primitive.EXP, y, g -> new Tensor[] {g.mul(y)}, x);   // recorded as "exp"
 * }</pre>
 */
public enum Primitive {
    // ----- elementwise, broadcasting (a broadcast operand's gradient is summed back to its shape)
    ADD("add", Arithmetic.class, "da = g, db = g", "add", "addScalar"),
    SUB("sub", Arithmetic.class, "da = g, db = -g", "sub"),
    MUL("mul", Arithmetic.class, "da = g·b, db = g·a", "mul", "mulScalar"),
    DROPOUT("dropout", DropoutOps.class, "dx = g·mask, the counter-based mask drawn again from its key", "dropout"),
    DIV("div", Arithmetic.class, "da = g/b, db = -g·a/b²", "div"),
    POW("pow", Arithmetic.class, "da = g·p·a^(p-1)", "powScalar"),
    MAXIMUM("maximum", Arithmetic.class, "g goes to a where a >= b, else to b", "max"),
    EXP("exp", UnaryMath.class, "dx = g·y", "exp"),
    LOG("log", UnaryMath.class, "dx = g/x", "log"),
    SQRT("sqrt", UnaryMath.class, "dx = g/(2y)", "sqrt"),
    ABS("abs", UnaryMath.class, "dx = g·sign(x)", "abs"),
    TANH("tanh", UnaryMath.class, "dx = g·(1 - y²)", "tanh", "tanhBackward"),
    SIGMOID("sigmoid", UnaryMath.class, "dx = g·y·(1 - y)", "sigmoid", "sigmoidBackward"),
    RELU("relu", UnaryMath.class, "dx = g·[x > 0]", "relu", "reluBackward"),
    ERF("erf", UnaryMath.class, "dx = g·2/√π·exp(-x²)"),

    // ----- reductions
    SUM("sum", Reduce.class, "dx = g broadcast over the summed axes", "sum"),
    MAX("max", Reduce.class, "g goes to the first maximal element of each run", "max"),

    // ----- matrix product
    MATMUL("matmul", MatMul.class, "dA = dC·Bᵀ, dB = Aᵀ·dC (transposed variants, never materialised)", "sgemm"),

    // ----- shape ops: values move unchanged, and the gradient moves back the same way
    RESHAPE("reshape", Reshaping.class, "dx = g reshaped back"),
    PERMUTE("permute", Reshaping.class, "dx = g under the inverse permutation"),
    SLICE("slice", Reshaping.class, "dx = g padded with zeros"),
    CONCAT("concat", Reshaping.class, "each part gets its slice of g"),
    GATHER("gather", Reshaping.class, "g scatter-added to the looked-up rows"),
    BROADCAST_TO("broadcastTo", Reshaping.class, "dx = g summed back to x's shape"),
    WHERE("where", Reshaping.class, "g goes to the chosen operand"),
    REVERSE_TIME("reverseTime", Reshaping.class, "dx = g reversed along time"),

    // ----- windows over time, (batch, time, channels)
    CONV1D("conv1d", Convolution1D.class, "dx[rows of tap j] += dz·W_jᵀ, dW_j = x[rows of tap j]ᵀ·dz, db = Σ dz, "
            + "dz = g·act'(z) (rows of tap j: the input steps its outputs read, in place)", "sgemm", "relu", "tanh", "sigmoid", "reluBackward", "tanhBackward",
            "sigmoidBackward"),
    MAX_POOL_1D("maxPool1d", Pooling.class, "g goes to the step that won each window"),
    AVERAGE_POOL_1D("averagePool1d", Pooling.class, "g spread evenly over each window's real steps",
            "axpy", "mulScalar"),

    // ----- fused: each tested against its composed twin
    LAYER_NORM("layerNorm", LayerNormOps.class,
            "dx = s·(ĝ - mean(ĝ) - x̂·mean(ĝ·x̂)) with ĝ = g·γ, dγ = Σ g·x̂, dβ = Σ g",
            "layerNormRow", "layerNormBackwardRow", "add"),
    LINEAR("linear", Fused.class, "dx = dz·Wᵀ, dW = xᵀ·dz, db = Σ dz, dz = g·act'(z)",
            "sgemm", "relu", "tanh", "sigmoid", "reluBackward", "tanhBackward", "sigmoidBackward"),
    SOFTMAX_CROSS_ENTROPY("softmaxCrossEntropy", CrossEntropy.class, "dz = (softmax(z) - t)/batch"),
    SPARSE_SOFTMAX_CROSS_ENTROPY("sparseSoftmaxCrossEntropy", CrossEntropy.class, "dz = (softmax(z) - onehot)/batch"),
    SIGMOID_BINARY_CROSS_ENTROPY("sigmoidBinaryCrossEntropy", CrossEntropy.class, "dz = (sigmoid(z) - t)/n"),
    SIMPLE_RNN("simple_rnn", Recurrence.class, "backpropagation through time, see SimpleRnnOps", "sgemm"),
    LSTM("lstm", Recurrence.class, "backpropagation through time, see LstmOps", "sgemm"),
    GRU("gru", Recurrence.class, "backpropagation through time, see GruOps", "sgemm");

    private static final Map<String, Primitive> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Primitive::opName, Function.identity()));

    private final String opName;
    private final Class<?> home;
    private final String rule;
    private final Set<String> kernels;

    Primitive(String opName, Class<?> home, String rule, String... kernels) {
        this.opName = opName;
        this.home = home;
        this.rule = rule;
        this.kernels = Set.of(kernels);
    }

    /** The name recorded on the tape and shown in errors ({@code matmul}). */
    public String opName() {
        return opName;
    }

    /** The class holding this op's forward computation and derivative rule, side by side. */
    public Class<?> home() {
        return home;
    }

    /** The derivative rule, for output gradient {@code g} (and output {@code y} where it is cheaper). */
    public String rule() {
        return rule;
    }

    /** The kernels it runs on: method names of {@code MathKernels}, or {@code sgemm}; empty for plain loops. */
    public Set<String> kernels() {
        return kernels;
    }

    /**
     * The primitive recorded as {@code opName}.
     *
     * @throws IllegalArgumentException if no primitive has that name
     */
    public static Primitive named(String opName) {
        Primitive p = BY_NAME.get(opName);
        if (p == null) {
            throw new IllegalArgumentException("no primitive op '" + opName + "'; the primitives are "
                    + new java.util.TreeSet<>(BY_NAME.keySet()));
        }
        return p;
    }
}
