package org.neurite.nn;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.InferenceScope;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * A network of layers that maps inputs to outputs: f(X). A network is itself a layer, so networks
 * nest. {@link SequentialNetwork} stacks layers; {@link #functional} wires them as a graph.
 *
 * <p>Weights are created when the network is built, from one seed: the same seed gives the same
 * starting weights on every machine. A network computes and nothing more: the model object users
 * hold, with {@code compile}, {@code fit} and {@code save}, is {@code org.neurite.models.Model}, which
 * wraps a network ({@code model.network()}); the loops live in {@code org.neurite.train}.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.of(784);
 * SymbolicTensor out = new Dense(10, Activation.SOFTMAX).apply(new Dense(64, Activation.RELU).apply(in));
 * Network model = Network.functional(in, out).seed(42);
 * System.out.println(model.summary());
 * Tensor probabilities = model.predict(Tensor.zeros(5, 784), 32);   // (5, 10)
 * }</pre>
 */
public abstract class Network extends Layer {
    private long seed = new SecureRandom().nextLong();
    private boolean weightsCreated;

    protected Network(String name) {
        super(name);
    }

    /** A model from the symbolic graph between {@code inputs} and {@code outputs}. */
    public static Network functional(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        return new FunctionalNetwork(null, inputs, outputs);
    }

    /** A model with one input and one output. */
    public static Network functional(SymbolicTensor input, SymbolicTensor output) {
        return functional(List.of(input), List.of(output));
    }

    /** The layers in the order they compute. */
    public abstract List<Layer> layers();

    /** The shapes of the model's inputs, without the batch dimension. */
    public abstract List<int[]> inputShapes();

    /**
     * The name of each output, in {@link #callAll} order: the name of the layer that computes it, as
     * Keras' {@code output_names}. Training logs use them for per-output losses ({@code dense_1_loss}).
     */
    public abstract List<String> outputNames();

    /** The shape of output {@code output} (in {@link #outputNames} order), without the batch dimension. */
    public abstract int[] outputShapeOf(int output);

    /** Computes all outputs from all inputs. */
    public abstract List<Variable> callAll(List<Variable> inputs, boolean training);

    /** Sets the seed from which weights (and dropout masks) are drawn; returns this. */
    public Network seed(long newSeed) {
        if (weightsCreated) {
            throw error("seed must be set before the weights are created");
        }
        this.seed = newSeed;
        return this;
    }

    public long seed() {
        return seed;
    }

    /** Creates every layer's weights, if not done yet; returns this. */
    public Network build() {
        if (!weightsCreated) {
            build(inputShapes(), new Rng(seed));
        }
        return this;
    }

    /**
     * Creates every layer's weights as zeros, for a loader that overwrites each of them with stored
     * values: {@code check} sees each weight's path and shape before its storage is allocated and
     * may refuse it, and no initializer runs (an orthogonal one is cubic in the weight's size, and
     * its values would be thrown away). Returns this.
     *
     * <pre>{@code
     * Network model = Architecture.fromJson(json).seed(seed).buildForLoading(storedWeights::admit);
     * }</pre>
     *
     * @throws IllegalArgumentException what {@code check} throws; the model is then unusable
     * @throws IllegalStateException if the weights were already created
     */
    public Network buildForLoading(WeightCheck check) {
        if (weightsCreated) {
            throw new IllegalStateException("model '" + name() + "': weights already created; buildForLoading must come first");
        }
        ScopedValue.where(Layer.LOADING, check).run(this::build);
        return this;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        weightsCreated = true;
        buildLayers(rng);
    }

    /** Builds each layer in order, each with a generator split from {@code rng}. */
    protected abstract void buildLayers(Rng rng);

    @Override
    public Variable call(Variable input, boolean training) {
        return call(List.of(input), training);
    }

    @Override
    public Variable call(List<Variable> inputs, boolean training) {
        List<Variable> outputs = callAll(inputs, training);
        if (outputs.size() != 1) {
            throw error("has " + outputs.size() + " outputs; use callAll");
        }
        return outputs.get(0);
    }

    /** Every weight of every layer, each once (a shared layer's weights are not repeated). */
    @Override
    public List<Parameter> parameters() {
        build();
        Set<Parameter> all = new LinkedHashSet<>();
        for (Layer layer : layers()) {
            all.addAll(layer.parameters());
        }
        return new ArrayList<>(all);
    }

    /** The number of weights of all layers, building the model first if need be. */
    @Override
    public long countParams() {
        build();
        return super.countParams();
    }

    /** The weights by dotted path ({@code dense_1.kernel}). */
    public Map<String, Parameter> parametersByPath() {
        Map<String, Parameter> byPath = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters()) {
            byPath.put(p.path(), p);
        }
        return byPath;
    }

    /**
     * The outputs for {@code x} (its first axis is the batch), computed in batches with no tape.
     * Only for models with one input and one output; see {@link #callAll} for others.
     */
    public Tensor predict(Tensor x, int batchSize) {
        build();
        int n = x.dim(0);
        List<Tensor> parts = new ArrayList<>();
        try (InferenceScope inference = InferenceScope.open(n); Autograd.Scope scope = Autograd.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                Tensor batch = x.slice(start, Math.min(n, start + batchSize));
                parts.add(call(Variable.constant(batch), false).value());
            }
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(0, parts.toArray(new Tensor[0]));
    }

    /** The model in Keras' {@code summary()} layout: layers, output shapes, parameter counts. */
    public String summary() {
        build();
        return Summary.of(this);
    }

    /**
     * The summary with one more layer as its first row: {@code before} runs on the model's raw inputs
     * ahead of this network (a text vectorization turning strings into this network's inputs).
     */
    public String summary(Layer before) {
        build();
        return Summary.of(this, before);
    }

    /** Gives unnamed layers Keras-style names unique within this model: dense, dense_1, dense_2. */
    protected static void nameLayers(List<Layer> layers) {
        LayerNames names = new LayerNames();
        layers.forEach(names::reserve);
        layers.forEach(names::assign);
    }

    /** Keras' {@code to_snake_case}: {@code GlobalAveragePooling1D} becomes {@code global_average_pooling1d}. */
    static String snakeCase(String type) {
        return type.replaceAll("\\W+", "").replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
