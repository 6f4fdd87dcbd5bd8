package org.neurite.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * A layer: the four verbs of Keras. The constructor validates and stores configuration;
 * {@link #build} creates the weights once the input shape is known; {@link #call} computes;
 * {@link #config()} describes the layer so that it can be made again.
 *
 * <p>Shapes exclude the batch dimension, as in Keras; {@code -1} stands for a dimension that is
 * not known until data arrives (Keras' {@code None}). Errors name the layer and the shapes.
 *
 * <p>A layer with several inputs (a merge) overrides {@link #call(List, boolean)} and
 * {@link #outputShape(List)}; all others implement the single-input forms.
 */
public abstract class Layer {
    /** Bound while a loader builds a model: weights are checked by it and created as zeros. */
    static final ScopedValue<WeightCheck> LOADING = ScopedValue.newInstance();

    private String name;
    private int[] builtShape;
    private final List<Parameter> parameters = new ArrayList<>();

    /** @param name the layer's name, or null for one chosen by the model ({@code dense_1}) */
    protected Layer(String name) {
        this.name = name;
    }

    /** The Keras class name shown by {@code summary()} and written in model files ({@code Dense}). */
    public abstract String type();

    /** The layer's name, unique within its model. */
    public final String name() {
        return name;
    }

    /** Gives an unnamed layer its name; called by the model that holds it. */
    final void assignName(String assigned) {
        if (name == null) {
            name = assigned;
        }
    }

    /** The output shape for an input shape (both without the batch dimension); checks the input. */
    public abstract int[] outputShape(int[] inputShape);

    /** The output shape for several inputs; merge layers override it. */
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != 1) {
            throw error("expects 1 input, got " + inputShapes.size());
        }
        return outputShape(inputShapes.get(0));
    }

    /**
     * The shape of each output for these inputs: one for most layers; layers with several outputs
     * (return_state, Bidirectional with merge mode none) override it together with {@link #callAll}.
     */
    public List<int[]> outputShapes(List<int[]> inputShapes) {
        return List.of(outputShape(inputShapes));
    }

    /**
     * Applies this layer to symbolic inputs, for building functional models: Keras' {@code layer(x)}.
     *
     * @throws IllegalArgumentException if the layer has several outputs: use {@link #applyAll}
     */
    public final SymbolicTensor apply(SymbolicTensor... inputs) {
        return SymbolicTensor.apply(this, inputs);
    }

    /**
     * Applies this layer to symbolic inputs and returns all its outputs, Keras'
     * {@code outputs, h, c = LSTM(64, return_state=True)(x)}:
     *
     * <pre>{@code
     * List<SymbolicTensor> out = lstm.applyAll(x);   // [outputs, h, c]
     * SymbolicTensor h = out.get(1);
     * }</pre>
     */
    public final List<SymbolicTensor> applyAll(SymbolicTensor... inputs) {
        return SymbolicTensor.applyAll(this, inputs);
    }

    /** Computes the layer on a batch; {@code training} turns on behaviour such as dropout. */
    public abstract Variable call(Variable input, boolean training);

    /**
     * Inference without a tape: this layer on what {@code previous} makes of {@code input}, computed
     * by the two at once where that is faster than one after the other, or null where this layer has
     * no such path for {@code previous} (the default): the caller then calls them in turn. A recurrent
     * layer after an {@code Embedding} never needs the embedded vectors (see {@code TokenInputs}).
     * {@link SequentialNetwork} asks when it is not training.
     */
    protected Variable callAfter(Layer previous, Variable input) {
        return null;
    }

    /**
     * True for a layer whose inference output is its input itself (dropout): a network may then pass
     * over it at inference, as {@link SequentialNetwork} does between a {@link RowLookup} and a
     * {@link RowReader}. False unless a layer says otherwise.
     */
    public boolean isIdentityAtInference() {
        return false;
    }

    /** Computes the layer on several inputs; merge layers override it. */
    public Variable call(List<Variable> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw error("expects 1 input, got " + inputs.size());
        }
        return call(inputs.get(0), training);
    }

    /**
     * Computes every output of the layer, in {@link #outputShapes} order; one for most layers. A
     * functional model calls this once per application and hands each output to its users.
     */
    public List<Variable> callAll(List<Variable> inputs, boolean training) {
        return List.of(call(inputs, training));
    }

    /** Creates the weights for this input shape, once; a second build must see the same shape. */
    public final void build(List<int[]> inputShapes, Rng rng) {
        int[] first = inputShapes.get(0);
        if (builtShape != null) {
            if (!compatible(builtShape, first)) {
                throw error("was built for input shape " + Shapes.toString(builtShape) + ", got "
                        + Shapes.toString(first));
            }
            return;
        }
        outputShape(inputShapes);
        createWeights(inputShapes, rng);
        builtShape = first.clone();
    }

    /** Creates this layer's weights with {@link #addParameter}; layers without weights keep the default. */
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
    }

    /** Adds a weight; called from {@link #createWeights}. */
    protected final Parameter addParameter(String paramName, Initializer init, Regularizer regularizer,
                                           boolean trainable, Rng rng, int... shape) {
        String path = name + "." + paramName;
        java.util.function.Supplier<Tensor> value = () -> init.create(rng, shape);
        if (LOADING.isBound()) {
            LOADING.get().admit(this, path, shape.clone());
            value = () -> Tensor.zeros(shape);
        }
        Parameter p = Parameter.create(paramName, value, trainable, regularizer);
        p.setPath(path);
        parameters.add(p);
        return p;
    }

    /**
     * Builds a layer held inside this one (the layer of a {@code TimeDistributed} wrapper): names it
     * after its type if it has none, builds it, and puts this layer's name before its weights' paths,
     * as Keras nests them ({@code time_distributed.dense.kernel}).
     */
    protected final void buildInner(Layer inner, List<int[]> innerInputShapes, Rng rng) {
        boolean fresh = !inner.isBuilt();
        inner.assignName(Network.snakeCase(inner.type()));
        inner.build(innerInputShapes, rng);
        if (fresh) {
            for (Parameter p : inner.parameters()) {
                p.setPath(name + "." + p.path());
            }
        }
    }

    public final boolean isBuilt() {
        return builtShape != null;
    }

    /** This layer's weights, in creation order. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /**
     * Copies of the weights' values, in {@link #parameters()} order: Keras' {@code get_weights()}.
     *
     * <pre>{@code
     * List<Tensor> saved = model.getWeights();
     * // ... train ...
     * model.setWeights(saved);   // back to where it was
     * }</pre>
     */
    public final List<Tensor> getWeights() {
        return parameters().stream().map(p -> p.value().copy()).toList();
    }

    /**
     * Overwrites the weights' values, in {@link #parameters()} order: Keras' {@code set_weights()}.
     *
     * @throws IllegalArgumentException naming the layer, if the number of tensors or a shape differs;
     *     then no weight is changed
     */
    public final void setWeights(List<Tensor> values) {
        List<Parameter> weights = parameters();
        if (values.size() != weights.size()) {
            throw error("setWeights expects " + weights.size() + " tensors (one per weight, in parameters() order), got "
                    + values.size());
        }
        for (int i = 0; i < weights.size(); i++) {
            int[] expected = weights.get(i).value().shape();
            if (!java.util.Arrays.equals(expected, values.get(i).shape())) {
                throw error("setWeights: weight " + i + " '" + weights.get(i).path() + "' has shape "
                        + Shapes.toString(expected) + ", got " + Shapes.toString(values.get(i).shape()));
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).value().copyFrom(values.get(i));
        }
    }

    /**
     * The number of weights (scalars), trainable or not. As in Keras, a layer must be built first:
     * before that it has no weights, and a count of 0 would be wrong rather than empty.
     *
     * @throws IllegalStateException if the layer is not built yet
     */
    public long countParams() {
        if (!isBuilt()) {
            throw new IllegalStateException("layer '" + name + "' (" + type() + ") is not built yet, so its weights"
                    + " do not exist; build its model first (model.build()) or ask the model (model.countParams())");
        }
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /**
     * The layer's configuration with Keras' keys ({@code units}, {@code activation}, ...): enough to
     * make the layer again, weights excluded.
     */
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        return config;
    }

    /** An error that names this layer. */
    protected final IllegalArgumentException error(String message) {
        return new IllegalArgumentException("layer '" + name + "' (" + type() + "): " + message);
    }

    void renamePaths() {
        for (Parameter p : parameters) {
            p.setPath(name + "." + p.name());
        }
    }

    private static boolean compatible(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && a[i] != -1 && b[i] != -1) {
                return false;
            }
        }
        return true;
    }
}
