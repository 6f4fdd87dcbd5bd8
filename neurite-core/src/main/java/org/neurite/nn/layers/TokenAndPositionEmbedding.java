package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.TokenAndPositionOps;
import org.neurite.autograd.TokenInputs;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Token embeddings plus learned position embeddings, KerasHub's {@code TokenAndPositionEmbedding}:
 * an {@link Embedding} {@code token_embedding} {@code (vocabulary_size, embedding_dim)} and a
 * {@link PositionEmbedding} {@code position_embedding} {@code (sequence_length, embedding_dim)},
 * summed. Ids {@code (batch, time)}, at most {@code sequence_length} steps, give
 * {@code (batch, time, embedding_dim)}.
 *
 * <pre>
 *   output[b, t, :] = token_embedding[ids[b, t], :] + position_embedding[t, :]
 * </pre>
 *
 * <p>Defaults as KerasHub: both tables drawn uniformly from {@code [-0.05, 0.05)}, no mask. With
 * {@code mask_zero}, id 0 is padding and the output carries the mask {@code ids != 0}, as
 * {@link Embedding} does. The weights are named as Keras names them
 * ({@code token_and_position_embedding.token_embedding.embeddings}, then
 * {@code ...position_embedding.embeddings}). KerasHub's {@code tie_weights} only matters for its
 * reverse projection, which this layer does not have: it is always true here.
 *
 * <pre>{@code
 * // keras.io's "Text classification with Transformer": vocabulary 20000, maxlen 200, 32 features
 * SymbolicTensor x = new TokenAndPositionEmbedding(20000, 200, 32).apply(Input.of(200));   // (batch, 200, 32)
 * }</pre>
 */
public final class TokenAndPositionEmbedding extends Layer {
    private final int vocabularySize;
    private final int sequenceLength;
    private final int embeddingDim;
    private final Initializer embeddingsInitializer;
    private final boolean maskZero;
    private final Embedding tokenEmbedding;
    private final PositionEmbedding positionEmbedding;

    /** KerasHub's defaults: uniform tables, no mask. */
    public TokenAndPositionEmbedding(int vocabularySize, int sequenceLength, int embeddingDim) {
        this(null, vocabularySize, sequenceLength, embeddingDim, Initializer.randomUniform(), false);
    }

    /**
     * @param name the layer's name, or null for one chosen by the model
     * @param embeddingsInitializer the initializer of both tables
     * @param maskZero whether id 0 is padding, masked for the layers after this one
     */
    public TokenAndPositionEmbedding(String name, int vocabularySize, int sequenceLength, int embeddingDim,
                                     Initializer embeddingsInitializer, boolean maskZero) {
        super(name);
        if (vocabularySize <= 0 || sequenceLength <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("TokenAndPositionEmbedding: vocabulary_size, sequence_length and"
                    + " embedding_dim must be positive, got " + vocabularySize + ", " + sequenceLength + " and "
                    + embeddingDim);
        }
        this.vocabularySize = vocabularySize;
        this.sequenceLength = sequenceLength;
        this.embeddingDim = embeddingDim;
        this.embeddingsInitializer = embeddingsInitializer;
        this.maskZero = maskZero;
        this.tokenEmbedding = Embedding.builder().optName("token_embedding").setInputDim(vocabularySize)
                .setOutputDim(embeddingDim).optEmbeddingsInitializer(embeddingsInitializer).optMaskZero(maskZero).build();
        this.positionEmbedding = new PositionEmbedding("position_embedding", sequenceLength, embeddingsInitializer);
    }

    @Override
    public String type() {
        return "TokenAndPositionEmbedding";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw error("expects token ids of shape (batch, time), got " + Merge.withBatch(inputShape));
        }
        return positionEmbedding.outputShape(tokenEmbedding.outputShape(inputShape));
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        buildInner(tokenEmbedding, inputShapes, rng);
        buildInner(positionEmbedding, List.of(tokenEmbedding.outputShape(inputShapes.get(0))), rng);
    }

    /** Both tables: the token embeddings, then the position embeddings, as in Keras. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(tokenEmbedding.parameters());
        all.addAll(positionEmbedding.parameters());
        return List.copyOf(all);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        Tensor ids = input.value();
        TokenInputs tokens = tokenEmbedding.tokenInputs(ids);                                   // ids checked
        Variable positions = positionEmbedding.table(ids.dim(1));                               // (maxlen, dim)
        Variable table = tokenEmbedding.parameters().get(0).variable();                         // (vocabulary, dim)
        return TokenAndPositionOps.embed(table, positions, tokens.ids(), tokens.batch(), tokens.time())
                .withMask(tokenEmbedding.maskOf(tokens));                                       // (batch, time, dim)
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("vocabulary_size", vocabularySize);
        config.put("sequence_length", sequenceLength);
        config.put("embedding_dim", embeddingDim);
        config.put("embeddings_initializer", embeddingsInitializer.name());
        config.put("tie_weights", true);
        config.put("mask_zero", maskZero);
        return config;
    }

    /** Makes the layer {@link #config()} describes. */
    public static TokenAndPositionEmbedding fromConfig(LayerConfig c) {
        if (!c.bool("tie_weights")) {
            throw c.error("'tie_weights' false needs KerasHub's reverse projection, which this layer does not have");
        }
        return new TokenAndPositionEmbedding(c.optName(), c.intValue("vocabulary_size"), c.intValue("sequence_length"),
                c.intValue("embedding_dim"), c.initializer("embeddings_initializer"), c.bool("mask_zero"));
    }
}
