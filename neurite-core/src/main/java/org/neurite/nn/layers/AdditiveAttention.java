package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;

/**
 * Additive attention, Bahdanau style: Keras' {@code AdditiveAttention}. A query step and a key step
 * are scored by a learned weighting of the tanh of their sum.
 *
 * <pre>
 *   scores = Σ_f scale_f · tanh(query_i + key_j)_f      (batch, Tq, Tv)
 *   output = softmax(scores, masks)·value                (batch, Tq, Fv)
 * </pre>
 *
 * <p>With {@code use_scale} (the default, as in Keras) {@code scale} is a trainable vector
 * {@code (F)}, glorot_uniform; without it, every {@code scale_f} is 1 and the layer has no weights.
 * Inputs, masks, dropout and the causal mask are {@link BaseDenseAttention}'s;
 * {@link #callWithScores} gives the attention weights too.
 *
 * <pre>{@code
 * SymbolicTensor decoder = Input.named("decoder", 5, 16);
 * SymbolicTensor encoder = Input.named("encoder", 9, 16);
 * SymbolicTensor context = new AdditiveAttention().apply(decoder, encoder);   // (batch, 5, 16)
 * }</pre>
 */
public final class AdditiveAttention extends BaseDenseAttention {
    private final boolean useScale;
    private Parameter scale;

    /** Keras' defaults: a scale, no dropout, no causal mask. */
    public AdditiveAttention() {
        this(null, true, 0f, false);
    }

    /**
     * @param name the layer's name, or null for one chosen by the model
     * @param useScale whether the tanh terms are weighted by a trainable vector
     * @param dropout dropout on the attention weights during training
     * @param useCausalMask query step {@code i} attends to value steps {@code j <= i} only
     */
    public AdditiveAttention(String name, boolean useScale, float dropout, boolean useCausalMask) {
        super(name, dropout, useCausalMask);
        this.useScale = useScale;
    }

    @Override
    public String type() {
        return "AdditiveAttention";
    }

    @Override
    protected void createScoreWeights(int features, Rng seeded) {
        if (useScale) {
            scale = addParameter("scale", Initializer.glorotUniform(), null, true, seeded, features);
        }
    }

    @Override
    protected Variable scores(Variable query, Variable key) {
        int[] q = query.shape();
        int[] k = key.shape();
        Variable terms = query.reshape(q[0], q[1], 1, q[2]).add(key.reshape(k[0], 1, k[1], k[2])).tanh();   // (b, Tq, Tv, F)
        if (scale != null) {
            terms = terms.mul(scale.variable());
        }
        return terms.sum(3, false);                                                                 // (b, Tq, Tv)
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("use_scale", useScale);
        return config;
    }

    /** Makes the layer {@link #config()} describes. */
    public static AdditiveAttention fromConfig(LayerConfig c) {
        return new AdditiveAttention(c.optName(), c.bool("use_scale"), c.floatValue("dropout"), c.bool("use_causal_mask"));
    }
}
