package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;

/**
 * A learned embedding of each position of a sequence (Devlin et al., 2019), KerasHub's
 * {@code PositionEmbedding}: a trainable table {@code embeddings} {@code (sequence_length, features)},
 * whose first {@code time} rows are the output for an input {@code (batch, time, features)} of at most
 * {@code sequence_length} steps, the same for every sample. Only the input's shape is used; add the
 * result to the token embeddings ({@link TokenAndPositionEmbedding} does both).
 *
 * <pre>
 *   output[b, t, :] = embeddings[t, :]        (batch, time, features)
 * </pre>
 *
 * <p>Defaults as KerasHub: a glorot_uniform table. Like KerasHub's layer it does not support masking:
 * a mask on its input is not passed on (an {@code Add} with the token embeddings passes theirs on).
 *
 * <pre>{@code
 * SymbolicTensor tokens = Embedding.builder().setInputDim(5000).setOutputDim(128).build().apply(Input.of(50));
 * SymbolicTensor positions = new PositionEmbedding(50).apply(tokens);                  // (batch, 50, 128)
 * SymbolicTensor x = new Add().apply(tokens, positions);
 * }</pre>
 */
public final class PositionEmbedding extends Layer {
    private final int sequenceLength;
    private final Initializer initializer;
    private Parameter embeddings;

    /** Positions up to {@code sequenceLength}, a glorot_uniform table. */
    public PositionEmbedding(int sequenceLength) {
        this(null, sequenceLength, Initializer.glorotUniform());
    }

    /**
     * @param name the layer's name, or null for one chosen by the model
     * @param sequenceLength the longest sequence the layer embeds
     * @param initializer the table's initializer
     */
    public PositionEmbedding(String name, int sequenceLength, Initializer initializer) {
        super(name);
        if (sequenceLength <= 0) {
            throw new IllegalArgumentException("PositionEmbedding: sequence_length must be positive, got "
                    + sequenceLength);
        }
        this.sequenceLength = sequenceLength;
        this.initializer = initializer;
    }

    @Override
    public String type() {
        return "PositionEmbedding";
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 2 || inputShape[inputShape.length - 1] <= 0) {
            throw error("expects inputs of shape (batch, time, features) with known features, got "
                    + Merge.withBatch(inputShape));
        }
        checkLength(inputShape[inputShape.length - 2]);
        return inputShape.clone();
    }

    private void checkLength(int time) {
        if (time > sequenceLength) {
            throw error("sequence_length is " + sequenceLength + ", got inputs of " + time + " steps");
        }
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        int[] shape = inputShapes.get(0);
        embeddings = addParameter("embeddings", initializer, null, true, rng, sequenceLength, shape[shape.length - 1]);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        return Reshaping.broadcastTo(rows(shape[shape.length - 2]), shape);                    // (batch, time, features)
    }

    /**
     * The whole table {@code (sequence_length, features)}, once {@code time} steps are checked against
     * it: for a caller that adds its first {@code time} rows to a batch itself
     * ({@link TokenAndPositionEmbedding}), where broadcasting or a fused op saves writing them out once
     * per sequence.
     */
    Variable table(int time) {
        checkLength(time);
        return embeddings.variable();                                                           // (maxlen, features)
    }

    /** The embeddings of the first {@code time} positions, {@code (time, features)}. */
    private Variable rows(int time) {
        checkLength(time);
        return time == sequenceLength ? embeddings.variable()
                : Reshaping.slice(embeddings.variable(), 0, 0, time);                           // (time, features)
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("sequence_length", sequenceLength);
        config.put("initializer", initializer.name());
        return config;
    }

    /** Makes the layer {@link #config()} describes. */
    public static PositionEmbedding fromConfig(LayerConfig c) {
        return new PositionEmbedding(c.optName(), c.intValue("sequence_length"), c.initializer("initializer"));
    }
}
