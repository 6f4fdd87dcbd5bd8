package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.TokenInputs;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.nn.Regularizer;
import org.neurite.nn.RowLookup;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Turns token ids into dense vectors: row {@code id} of a trainable table {@code embeddings}
 * {@code (inputDim, outputDim)}; {@code inputDim·outputDim} parameters. Ids {@code (batch, time)}
 * (floats holding integers in {@code [0, inputDim)}) become vectors {@code (batch, time, outputDim)};
 * ids of any other shape work the same way.
 *
 * <p>Defaults as Keras: embeddings drawn uniformly from {@code [-0.05, 0.05)}, no regularizer, no
 * mask. With {@code mask_zero}, id 0 is padding: the output carries the mask {@code ids != 0}
 * {@code (batch, time)} for the layers after it, and, as in Keras, the vocabulary size must count
 * the padding id (a vocabulary of 10,000 words numbered from 1 needs {@code inputDim = 10001}).
 *
 * <p>The table's gradient is scatter-added straight into the weight's dense gradient (see
 * {@link Reshaping#gather}): a step touches only the rows it looked up, while optimizers still see
 * the dense gradient Keras' Adam decays its moments with.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(200),
 *         Embedding.builder().setInputDim(20000).setOutputDim(128).optMaskZero(true).build(),
 *         new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class Embedding extends Layer implements RowLookup {
    private final int inputDim;
    private final int outputDim;
    private final Initializer embeddingsInitializer;
    private final Regularizer embeddingsRegularizer;
    private final boolean maskZero;
    private Parameter embeddings;

    private Embedding(Builder b) {
        super(b.name);
        if (b.inputDim <= 0 || b.outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be positive, got "
                    + b.inputDim + " and " + b.outputDim);
        }
        this.inputDim = b.inputDim;
        this.outputDim = b.outputDim;
        this.embeddingsInitializer = b.embeddingsInitializer;
        this.embeddingsRegularizer = b.embeddingsRegularizer;
        this.maskZero = b.maskZero;
    }

    /** A table of {@code inputDim} vectors of {@code outputDim} values, with Keras' other defaults. */
    public Embedding(int inputDim, int outputDim) {
        this(builder().setInputDim(inputDim).setOutputDim(outputDim));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return "Embedding";
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public boolean maskZero() {
        return maskZero;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] out = java.util.Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        embeddings = addParameter("embeddings", embeddingsInitializer, embeddingsRegularizer, true, rng,
                inputDim, outputDim);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        Tensor idValues = input.value();
        int[] ids = tokenIds(idValues);
        Variable out = Reshaping.gather(embeddings.variable(), ids, idValues.shape());   // (batch, time, outputDim)
        return maskZero ? out.withMask(nonZero(ids, idValues.shape())) : out;
    }

    /**
     * The ids {@code (batch, time)} as rows of this layer's table, for a recurrent layer that takes
     * them without the vectors being made ({@link RecurrentLayer#callAfter}); ids are checked as
     * {@link #call} checks them.
     */
    TokenInputs tokenInputs(Tensor ids) {
        return new TokenInputs(tokenIds(ids), ids.dim(0), ids.dim(1), embeddings.value());
    }

    /** The mask {@link #call} gives its output for these ids: {@code ids != 0} with mask_zero, else none. */
    Tensor maskOf(TokenInputs tokens) {
        return maskZero ? nonZero(tokens.ids(), new int[] {tokens.batch(), tokens.time()}) : null;
    }

    @Override
    public Tensor lookupTable() {
        return embeddings.value();
    }

    @Override
    public int[] lookupIds(Variable input) {
        return tokenIds(input.value());
    }

    /** The ids as ints; an id that is not an integer in {@code [0, inputDim)} is an error naming its position. */
    private int[] tokenIds(Tensor values) {
        float[] data = values.data();
        int offset = values.offset();
        int[] ids = new int[values.size()];
        for (int i = 0; i < ids.length; i++) {
            float v = data[offset + i];
            int id = (int) v;
            if (id != v || id < 0 || id >= inputDim) {
                throw error("token id " + (v == (long) v ? String.valueOf((long) v) : String.valueOf(v)) + " at position " + position(i, values.shape())
                        + " is not an integer in [0, " + inputDim + ")");
            }
            ids[i] = id;
        }
        return ids;
    }

    private static String position(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1, rest = flat; d >= 0; d--) {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Shapes.toString(index);
    }

    /** Keras' mask for {@code mask_zero}: 1 where the id is not 0, shape of the ids. */
    private static Tensor nonZero(int[] ids, int[] shape) {
        Tensor mask = Tensor.empty(shape);
        float[] m = mask.data();
        for (int i = 0; i < ids.length; i++) {
            m[i] = ids[i] == 0 ? 0f : 1f;
        }
        return mask;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("input_dim", inputDim);
        config.put("output_dim", outputDim);
        config.put("embeddings_initializer", embeddingsInitializer.name());
        config.put("embeddings_regularizer", embeddingsRegularizer);
        config.put("mask_zero", maskZero);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Embedding fromConfig(LayerConfig c) {
        return builder()
                .optName(c.optName())
                .setInputDim(c.intValue("input_dim"))
                .setOutputDim(c.intValue("output_dim"))
                .optEmbeddingsInitializer(c.initializer("embeddings_initializer"))
                .optEmbeddingsRegularizer(c.optRegularizer("embeddings_regularizer"))
                .optMaskZero(c.bool("mask_zero"))
                .build();
    }

    /** Builds an {@link Embedding}: {@code setInputDim} and {@code setOutputDim} are required. */
    public static final class Builder {
        private String name;
        private int inputDim;
        private int outputDim;
        private Initializer embeddingsInitializer = Initializer.randomUniform();
        private Regularizer embeddingsRegularizer;
        private boolean maskZero;

        private Builder() {
        }

        /** The vocabulary size: ids run from 0 to {@code value - 1}. */
        public Builder setInputDim(int value) {
            this.inputDim = value;
            return this;
        }

        /** The length of each vector. */
        public Builder setOutputDim(int value) {
            this.outputDim = value;
            return this;
        }

        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        public Builder optEmbeddingsInitializer(Initializer value) {
            this.embeddingsInitializer = value;
            return this;
        }

        public Builder optEmbeddingsRegularizer(Regularizer value) {
            this.embeddingsRegularizer = value;
            return this;
        }

        /** Treats id 0 as padding and masks it for the layers after this one. */
        public Builder optMaskZero(boolean value) {
            this.maskZero = value;
            return this;
        }

        public Embedding build() {
            return new Embedding(this);
        }
    }
}
