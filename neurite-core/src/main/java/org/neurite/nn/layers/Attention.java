package org.neurite.nn.layers;

import java.util.Locale;
import java.util.Map;
import org.neurite.autograd.MatMul;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;

/**
 * Dot-product attention, Luong style: Keras' {@code Attention}. Each query step takes a softmax-weighted
 * average of the value steps, weighted by how well it matches their keys.
 *
 * <pre>
 *   dot:     scores = scale · query·keyᵀ                                (batch, Tq, Tv)
 *   concat:  scores = w · Σ_f tanh(scale · (query_i + key_j))_f          (batch, Tq, Tv)
 *   output  = softmax(scores, masks)·value                               (batch, Tq, Fv)
 * </pre>
 *
 * <p>{@code scale} is a trainable scalar {@code scale} (ones) when {@code use_scale}, else 1;
 * {@code w} is the trainable scalar {@code concat_score_weight} (ones) of score mode concat. So the
 * layer has 0, 1 or 2 weights, in that order, as in Keras. Inputs, masks, dropout and the causal
 * mask are {@link BaseDenseAttention}'s. Keras' call arguments {@code use_causal_mask} is an option
 * here, kept in the layer's config, and {@code return_attention_scores} is {@link #callWithScores}.
 *
 * <pre>{@code
 * SymbolicTensor query = Input.named("query", 5, 8);
 * SymbolicTensor value = Input.named("value", 7, 8);
 * SymbolicTensor out = new Attention().apply(query, value);                 // (batch, 5, 8)
 * Attention luong = Attention.builder().optUseScale(true).optScoreMode(Attention.ScoreMode.CONCAT).build();
 * }</pre>
 */
public final class Attention extends BaseDenseAttention {
    /** How a query step and a key step are scored. */
    public enum ScoreMode {
        /** Their dot product. */
        DOT,
        /** The sum of the tanh of their sum. */
        CONCAT;

        /** The Keras name, {@code dot} or {@code concat}. */
        public String kerasName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode for a Keras name. */
        public static ScoreMode byName(String name) {
            return switch (name) {
                case "dot" -> DOT;
                case "concat" -> CONCAT;
                default -> throw new IllegalArgumentException("Attention: score_mode must be 'dot' or 'concat', got '"
                        + name + "'");
            };
        }
    }

    private final boolean useScale;
    private final ScoreMode scoreMode;
    private Parameter scale;
    private Parameter concatScoreWeight;

    private Attention(Builder b) {
        super(b.name, b.dropout, b.useCausalMask);
        this.useScale = b.useScale;
        this.scoreMode = b.scoreMode;
    }

    /** Keras' defaults: dot scores, no scale, no dropout, no causal mask. */
    public Attention() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "Attention";
    }

    public ScoreMode scoreMode() {
        return scoreMode;
    }

    @Override
    protected void createScoreWeights(int features, Rng seeded) {
        if (useScale) {
            scale = addParameter("scale", Initializer.ones(), null, true, seeded);
        }
        if (scoreMode == ScoreMode.CONCAT) {
            concatScoreWeight = addParameter("concat_score_weight", Initializer.ones(), null, true, seeded);
        }
    }

    @Override
    protected Variable scores(Variable query, Variable key) {
        if (scoreMode == ScoreMode.DOT) {
            Variable scores = MatMul.matmul(query, key, false, true);                        // (b, Tq, Tv)
            return scale == null ? scores : scores.mul(scale.variable());
        }
        int[] q = query.shape();
        int[] k = key.shape();
        Variable sum = query.reshape(q[0], q[1], 1, q[2]).add(key.reshape(k[0], 1, k[1], k[2]));   // (b, Tq, Tv, F)
        if (scale != null) {
            sum = sum.mul(scale.variable());
        }
        return sum.tanh().sum(3, false).mul(concatScoreWeight.variable());                  // (b, Tq, Tv)
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("use_scale", useScale);
        config.put("score_mode", scoreMode.kerasName());
        return config;
    }

    /** Makes the layer {@link #config()} describes. */
    public static Attention fromConfig(LayerConfig c) {
        return builder()
                .optName(c.optName())
                .optUseScale(c.bool("use_scale"))
                .optScoreMode(scoreMode(c))
                .optDropout(c.floatValue("dropout"))
                .optUseCausalMask(c.bool("use_causal_mask"))
                .build();
    }

    private static ScoreMode scoreMode(LayerConfig c) {
        try {
            return ScoreMode.byName(c.text("score_mode"));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    /** Builds an {@link Attention}; every option has Keras' default. */
    public static final class Builder {
        private String name;
        private boolean useScale;
        private ScoreMode scoreMode = ScoreMode.DOT;
        private float dropout;
        private boolean useCausalMask;

        private Builder() {
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        /** A trainable scalar multiplies the scores (dot) or the summed query and key (concat). */
        public Builder optUseScale(boolean value) {
            this.useScale = value;
            return this;
        }

        public Builder optScoreMode(ScoreMode value) {
            this.scoreMode = value;
            return this;
        }

        /** Dropout on the attention weights during training. */
        public Builder optDropout(float value) {
            this.dropout = value;
            return this;
        }

        /** Query step {@code i} attends to value steps {@code j <= i} only (Keras' call argument). */
        public Builder optUseCausalMask(boolean value) {
            this.useCausalMask = value;
            return this;
        }

        public Attention build() {
            return new Attention(this);
        }
    }
}
