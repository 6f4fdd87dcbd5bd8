package org.neurite.nn;

import java.util.function.UnaryOperator;
import org.neurite.autograd.Arithmetic;
import org.neurite.autograd.FusedActivation;
import org.neurite.autograd.Functions;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.UnaryMath;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * The activation functions of Keras, by their Keras names, composed from the tape's primitives so
 * that their derivatives come for free.
 *
 * <pre>
 *   relu(x) = max(x, 0)            leaky_relu(x) = max(x, 0.2·x)
 *   sigmoid(x) = 1 / (1 + e^-x)    tanh(x)
 *   softmax(x)_i = e^x_i / Σ e^x_j (last axis)
 *   elu(x) = x if x > 0 else e^x - 1          selu(x) = 1.0507·elu_1.6733(x)
 *   gelu(x) = x/2 · (1 + erf(x/√2))           softplus(x) = log(1 + e^x)
 *   silu(x) = x · sigmoid(x)                  linear(x) = x
 * </pre>
 *
 * <p>As in Keras 3, {@code swish} is another name for {@code silu} (both read, {@code silu} written),
 * and GELU's tanh approximation is not a name of its own but Keras' {@code approximate} argument:
 * {@link #gelu(Variable, boolean)}.
 */
public enum Activation {
    LINEAR("linear", x -> x, FusedActivation.LINEAR),
    RELU("relu", Variable::relu, FusedActivation.RELU),
    SIGMOID("sigmoid", Functions::sigmoid, null),
    TANH("tanh", Variable::tanh, FusedActivation.TANH),
    SOFTMAX("softmax", Functions::softmax, null),
    LEAKY_RELU("leaky_relu", x -> Arithmetic.maximum(x, x.mul(0.2f)), null),
    ELU("elu", x -> elu(x, 1f), null),
    SELU("selu", x -> elu(x, 1.6732632423543772f).mul(1.0507009873554805f), null),
    GELU("gelu", x -> x.mul(UnaryMath.erf(x.mul((float) (1 / Math.sqrt(2)))).add(1f)).mul(0.5f), null),
    SOFTPLUS("softplus", x -> Arithmetic.maximum(x, zero()).add(x.abs().neg().exp().add(1f).log()), null),
    SILU("silu", x -> x.mul(x.sigmoid()), null);

    private final String kerasName;
    private final UnaryOperator<Variable> function;
    private final FusedActivation fused;

    Activation(String kerasName, UnaryOperator<Variable> function, FusedActivation fused) {
        this.kerasName = kerasName;
        this.function = function;
        this.fused = fused;
    }

    /** Applies the activation. */
    public Variable apply(Variable x) {
        return function.apply(x);
    }

    /** The Keras name ({@code relu}). */
    public String kerasName() {
        return kerasName;
    }

    /**
     * The form a Dense layer can fuse into its matmul, or null. Sigmoid is left out on purpose: a
     * separate sigmoid remembers its logits, which the binary cross-entropy uses for stability.
     */
    public FusedActivation fused() {
        return fused;
    }

    /**
     * Keras' {@code gelu(x, approximate)}: exact with {@code approximate} false (as {@link #GELU}),
     * otherwise the tanh approximation {@code x/2 · (1 + tanh(√(2/π) · (x + 0.044715·x³)))}.
     *
     * <pre>{@code
     * Variable y = Activation.gelu(x, true);   // GPT-2's GELU
     * }</pre>
     */
    public static Variable gelu(Variable x, boolean approximate) {
        if (!approximate) {
            return GELU.apply(x);
        }
        Variable inner = x.add(x.mul(x).mul(x).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(inner.tanh().add(1f)).mul(0.5f);
    }

    /** Looks an activation up by its Keras name; {@code swish} is Keras 3's alias of {@code silu}. */
    public static Activation byName(String name) {
        if ("swish".equals(name)) {
            return SILU;
        }
        for (Activation a : values()) {
            if (a.kerasName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: "
                + java.util.Arrays.stream(values()).map(Activation::kerasName).toList());
    }

    private static Variable elu(Variable x, float alpha) {
        Tensor positive = x.value().greater(Tensor.scalar(0f));
        return Reshaping.where(positive, x, x.exp().add(-1f).mul(alpha));
    }

    private static Variable zero() {
        return Variable.constant(Tensor.scalar(0f));
    }
}
