package org.neurite.nn.layers;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;

/**
 * What KerasHub's {@code TransformerEncoder} and {@code TransformerDecoder} share: the options
 * common to both, the sublayers they make from them, and the residual step around each sublayer.
 *
 * <pre>
 *   normalize_first:  x + dropout(f(norm(x)))      (GPT-2)
 *   otherwise:        norm(x + dropout(f(x)))      (BERT, the original transformer)
 * </pre>
 */
record TransformerParts(int intermediateDim, int numHeads, float dropout, Activation activation,
                        float layerNormEpsilon, Initializer kernelInitializer, Initializer biasInitializer,
                        boolean normalizeFirst) {

    TransformerParts {
        if (intermediateDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("intermediate_dim and num_heads must be positive, got "
                    + intermediateDim + " and " + numHeads);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** KerasHub's head size, {@code hidden_dim / num_heads}; refused when it would be zero. */
    int headDim(Function<String, IllegalArgumentException> error, int hiddenDim) {
        int headDim = hiddenDim / numHeads;
        if (headDim == 0) {
            throw error.apply("the head size hidden_dim / num_heads cannot be zero; the input's hidden_dim "
                    + hiddenDim + " must be at least num_heads " + numHeads);
        }
        return headDim;
    }

    MultiHeadAttention attention(String name, int headDim) {
        return MultiHeadAttention.builder().optName(name).setNumHeads(numHeads).setKeyDim(headDim)
                .optDropout(dropout).optKernelInitializer(kernelInitializer).optBiasInitializer(biasInitializer)
                .build();
    }

    LayerNormalization norm(String name) {
        return LayerNormalization.builder().optName(name).optEpsilon(layerNormEpsilon).build();
    }

    Dense dense(String name, int units, Activation act) {
        return Dense.builder().optName(name).setUnits(units).optActivation(act)
                .optKernelInitializer(kernelInitializer).optBiasInitializer(biasInitializer).build();
    }

    /** One residual step around {@code sublayer}, normalised before or after as {@code normalize_first} says. */
    Variable residual(Variable x, LayerNormalization norm, Dropout drop, UnaryOperator<Variable> sublayer,
                      boolean training) {
        Variable y = sublayer.apply(normalizeFirst ? norm.call(x, training) : x);
        Variable sum = drop.call(y, training).withMask(null).add(x.withMask(null));
        return normalizeFirst ? sum : norm.call(sum, training);
    }
}
