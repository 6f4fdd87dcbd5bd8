package org.neurite.nn;

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
        List<SymbolicTensor> sorted = new ArrayList<>();
        Map<SymbolicTensor, Boolean> done = new IdentityHashMap<>();
        for (SymbolicTensor out : outputs) {
            visit(out, done, sorted);
        }
        for (SymbolicTensor t : sorted) {
            if (t.isInput() && inputs.stream().noneMatch(i -> i == t)) {
                throw new IllegalArgumentException("functional model: output depends on input '" + t.inputName()
                        + "', which is not among the model's inputs");
            }
        }
        return sorted;
    }

    private static void visit(SymbolicTensor t, Map<SymbolicTensor, Boolean> done, List<SymbolicTensor> sorted) {
        if (done.containsKey(t)) {
            return;
        }
        done.put(t, Boolean.TRUE);
        for (SymbolicTensor input : t.inputs()) {
            visit(input, done, sorted);
        }
        sorted.add(t);
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

    /** The symbolic outputs, for summaries. */
    List<SymbolicTensor> graph() {
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
