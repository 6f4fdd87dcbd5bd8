package org.neurite.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;

/**
 * A model made of a graph of layer applications between symbolic inputs and outputs (Keras'
 * functional API). Shapes were checked when the graph was drawn; running it evaluates each
 * symbolic tensor once, in dependency order. A layer applied twice shares its weights.
 *
 * <p>Made by {@link Network#functional}; its graph is readable through {@link #inputs()} and
 * {@link #outputs()}, so that model files can write it down.
 */
public final class FunctionalNetwork extends Network {
    private final List<SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;
    private final List<SymbolicTensor> order;
    private final List<Layer> layers;

    FunctionalNetwork(String name, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        super(name);
        assignName("functional");
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.order = computeOrder();
        Set<Layer> distinct = new LinkedHashSet<>();
        for (SymbolicTensor t : order) {
            if (!t.isInput()) {
                distinct.add(t.layer());
            }
        }
        this.layers = List.copyOf(distinct);
        nameLayers(layers);
    }

    /** Symbolic tensors in an order where each comes after its inputs. */
    private List<SymbolicTensor> computeOrder() {
        List<SymbolicTensor> sorted = topologicalOrder(outputs);
        Set<SymbolicTensor> declared = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        declared.addAll(inputs);
        for (SymbolicTensor t : sorted) {
            if (t.isInput() && !declared.contains(t)) {
                throw new IllegalArgumentException("functional model: output depends on input '" + t.inputName()
                        + "', which is not among the model's inputs");
            }
        }
        return sorted;
    }

    /**
     * Every tensor the {@code roots} depend on, each after its inputs (a post-order depth-first
     * walk). Iterative: a chain of ten thousand layers would overflow the call stack.
     */
    static List<SymbolicTensor> topologicalOrder(List<SymbolicTensor> roots) {
        List<SymbolicTensor> sorted = new ArrayList<>();
        Map<SymbolicTensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<SymbolicTensor> tensors = new ArrayDeque<>();
        ArrayDeque<Integer> nextInput = new ArrayDeque<>();
        for (SymbolicTensor root : roots) {
            if (seen.put(root, Boolean.TRUE) != null) {
                continue;
            }
            tensors.push(root);
            nextInput.push(0);
            while (!tensors.isEmpty()) {
                SymbolicTensor t = tensors.peek();
                int next = nextInput.pop();
                if (next < t.inputs().size()) {
                    nextInput.push(next + 1);
                    SymbolicTensor input = t.inputs().get(next);
                    if (seen.put(input, Boolean.TRUE) == null) {
                        tensors.push(input);
                        nextInput.push(0);
                    }
                } else {
                    tensors.pop();
                    sorted.add(t);
                }
            }
        }
        return sorted;
    }

    @Override
    public String type() {
        return "Functional";
    }

    /** The symbolic inputs, in the order {@link #callAll} takes their values. */
    public List<SymbolicTensor> inputs() {
        return inputs;
    }

    /** The symbolic outputs, in the order {@link #callAll} returns their values. */
    public List<SymbolicTensor> outputs() {
        return outputs;
    }

    @Override
    public List<String> outputNames() {
        return outputs.stream().map(t -> t.isInput() ? t.inputName() : t.layer().name()).toList();
    }

    @Override
    public int[] outputShapeOf(int output) {
        return outputs.get(output).shape();
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public List<int[]> inputShapes() {
        return inputs.stream().map(SymbolicTensor::shape).toList();
    }

    /**
     * Every symbolic tensor of the graph, inputs included, each after the tensors it is computed
     * from: the order in which the model computes them (and model files number them).
     */
    public List<SymbolicTensor> graph() {
        return order;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return outputs.get(0).shape();
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (inputShapes.size() != inputs.size()) {
            throw error("expects " + inputs.size() + " inputs, got " + inputShapes.size());
        }
        return outputs.get(0).shape();
    }

    @Override
    protected void buildLayers(Rng rng) {
        for (SymbolicTensor t : order) {
            if (!t.isInput()) {
                t.layer().build(t.inputs().stream().map(SymbolicTensor::shape).toList(), rng.split());
            }
        }
    }

    @Override
    public List<Variable> callAll(List<Variable> values, boolean training) {
        if (values.size() != inputs.size()) {
            throw error("expects " + inputs.size() + " inputs, got " + values.size());
        }
        build();
        Map<SymbolicTensor, Variable> computed = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            computed.put(inputs.get(i), values.get(i));
        }
        for (SymbolicTensor t : order) {
            if (!t.isInput()) {
                List<Variable> args = t.inputs().stream().map(computed::get).toList();
                computed.put(t, t.layer().call(args, training));
            }
        }
        return outputs.stream().map(computed::get).toList();
    }
}
