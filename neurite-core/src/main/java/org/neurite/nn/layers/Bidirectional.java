package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;

/**
 * Reads a sequence both ways, Keras' {@code Bidirectional}: a forward copy of the wrapped recurrent
 * layer and a backward one (its config cloned with {@code go_backwards} flipped, as Keras'
 * bidirectional.py does), named {@code forward_lstm} and {@code backward_lstm}, whose weights
 * take this layer's name first, as Keras nests them ({@code bidirectional.forward_lstm.kernel}). With
 * return_sequences the backward output is reversed back into input order, and masked steps output
 * zeros in both directions; the input mask is honoured by both. Twice the wrapped layer's parameters
 * (with the mirrored backward layer).
 *
 * <p>A custom backward layer (Keras' {@code backward_layer}) may differ from the forward one in type,
 * units and options, but must read the other way ({@code go_backwards} opposite) and have the same
 * return_sequences, return_state and stateful; it keeps its own name ({@code gru} when unnamed, as
 * Keras names it). Concat then gives {@code (..., forward units + backward units)}; sum, mul and ave
 * need equal units. Initial states are the forward layer's then the backward layer's, each layer
 * taking as many as it has (an LSTM two, a GRU one).
 *
 * <p>Merge modes: concat (the default, {@code (..., 2·units)}), sum, mul, ave, or none (Keras'
 * {@code merge_mode=None}), for which the layer has two outputs: {@link #applyAll} in a graph and
 * {@link #callAll} on tensors return them, {@link #call} refuses.
 *
 * <p>Keras' return_state (set on the wrapped layer): {@link #callWithStates} returns the merged
 * output (two outputs for merge mode none), then the forward layer's final states (h, and c for an
 * LSTM), then the backward layer's; initial states are given in the same order.
 *
 * <pre>{@code
 * Bidirectional bi = new Bidirectional(LSTM.builder().setUnits(64).optReturnSequences(true).build());
 * Bidirectional mixed = new Bidirectional(new LSTM(6), Bidirectional.MergeMode.CONCAT,
 *         GRU.builder().setUnits(4).optGoBackwards(true).build());   // (batch, 10)
 * }</pre>
 */
public final class Bidirectional extends Layer {
    /** How the two directions' outputs are combined. */
    public enum MergeMode { CONCAT, SUM, MUL, AVE, NONE }

    private final RecurrentLayer forward;
    private final RecurrentLayer backward;
    private final MergeMode mergeMode;
    /** Whether the backward layer is other than the forward one mirrored, so its config is saved. */
    private final boolean customBackward;

    /**
     * @param name  this layer's name, or null for one chosen by the model ({@code bidirectional})
     * @param layer the layer to run both ways; a leading {@code forward_} of its name is dropped, as
     *              Keras does, so that a saved config rebuilds the same names
     */
    public Bidirectional(String name, RecurrentLayer layer, MergeMode mergeMode) {
        this(name, layer, mergeMode, null);
    }

    /**
     * A Bidirectional whose backward layer is given (Keras' {@code backward_layer}); like the forward
     * one, it is copied unbuilt, so the layers passed in are never built or trained themselves.
     *
     * @param backwardLayer the layer that reads backwards, or null for {@code layer} with
     *                      go_backwards flipped; it must read the other way from {@code layer} and
     *                      have its return_sequences, return_state and stateful
     * @throws IllegalArgumentException naming the option, when the two layers cannot be paired
     */
    public Bidirectional(String name, RecurrentLayer layer, MergeMode mergeMode, RecurrentLayer backwardLayer) {
        super(name);
        String base = layer.name() != null ? layer.name().replaceFirst("^forward_", "") : snakeCase(layer.type());
        this.forward = layer.copy("forward_" + base, layer.goBackwards());
        RecurrentLayer mirror = layer.copy("backward_" + base, !layer.goBackwards());
        this.backward = backwardLayer == null ? mirror : backwardLayer.copy(
                backwardLayer.name() != null ? backwardLayer.name() : snakeCase(backwardLayer.type()),
                backwardLayer.goBackwards());
        this.customBackward = !backward.type().equals(mirror.type()) || !backward.config().equals(mirror.config());
        this.mergeMode = mergeMode;
        checkPairing(name);
        boolean sequences = layer.returnSequences();
        forward.zeroOutputForMask(sequences);
        backward.zeroOutputForMask(sequences);
    }

    /** A Bidirectional with the given backward layer; see {@link #Bidirectional(String, RecurrentLayer, MergeMode, RecurrentLayer)}. */
    public Bidirectional(RecurrentLayer layer, MergeMode mergeMode, RecurrentLayer backwardLayer) {
        this(null, layer, mergeMode, backwardLayer);
    }

    public Bidirectional(RecurrentLayer layer, MergeMode mergeMode) {
        this(null, layer, mergeMode);
    }

    public Bidirectional(RecurrentLayer layer) {
        this(layer, MergeMode.CONCAT);
    }

    /**
     * Keras' checks of a backward layer (bidirectional.py's _verify_layer_config), and the equal
     * widths that sum, mul and ave need (where Keras fails only when the outputs are added).
     */
    private void checkPairing(String name) {
        String where = "Bidirectional" + (name == null ? "" : " '" + name + "'") + ": forward layer '"
                + forward.name() + "' (" + forward.type() + ") and backward layer '" + backward.name() + "' ("
                + backward.type() + ")";
        if (forward.name().equals(backward.name())) {
            throw new IllegalArgumentException(where + " must have different names, as their weights are named"
                    + " after them");
        }
        if (forward.goBackwards() == backward.goBackwards()) {
            throw new IllegalArgumentException(where + " must have different go_backwards, got "
                    + forward.goBackwards() + " for both");
        }
        requireSame(where, "return_sequences", forward.returnSequences(), backward.returnSequences());
        requireSame(where, "return_state", forward.returnState(), backward.returnState());
        requireSame(where, "stateful", forward.settings.stateful, backward.settings.stateful);
        if (mergeMode != MergeMode.CONCAT && mergeMode != MergeMode.NONE && forward.units() != backward.units()) {
            throw new IllegalArgumentException(where + " must have the same units for merge_mode "
                    + mergeMode.name().toLowerCase(java.util.Locale.ROOT) + ", got " + forward.units() + " and "
                    + backward.units());
        }
    }

    private static void requireSame(String where, String option, boolean forwardValue, boolean backwardValue) {
        if (forwardValue != backwardValue) {
            throw new IllegalArgumentException(where + " must have the same " + option + ", got " + forwardValue
                    + " for the forward layer and " + backwardValue + " for the backward layer");
        }
    }

    /** {@code LSTM} as {@code lstm}, {@code SimpleRNN} as {@code simple_rnn}: Keras' default names. */
    private static String snakeCase(String type) {
        return type.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String type() {
        return "Bidirectional";
    }

    public RecurrentLayer forwardLayer() {
        return forward;
    }

    public RecurrentLayer backwardLayer() {
        return backward;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return outputShapes(List.of(inputShape)).get(0);
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        return outputShapes(inputShapes).get(0);
    }

    /**
     * The merged output (or, for merge mode none, the forward and the backward output), then with
     * return_state the forward layer's states and the backward layer's, each {@code (units)}. Inputs:
     * the sequence, then optionally the forward layer's initial states and the backward layer's.
     */
    @Override
    public List<int[]> outputShapes(List<int[]> inputShapes) {
        int n = forward.stateCount();
        List<int[]> states = inputShapes.subList(1, inputShapes.size());
        checkInitialStateCount(states.size());
        List<int[]> forwardShapes = forward.outputShapes(withStates(inputShapes.get(0), states, 0, n));
        List<int[]> backwardShapes = backward.outputShapes(withStates(inputShapes.get(0), states, n,
                n + backward.stateCount()));
        int[] one = forwardShapes.get(0);
        int[] other = backwardShapes.get(0);
        List<int[]> shapes = new ArrayList<>();
        if (mergeMode == MergeMode.NONE) {
            shapes.add(one);
            shapes.add(other);
        } else {
            int[] merged = one.clone();
            if (mergeMode == MergeMode.CONCAT) {
                merged[merged.length - 1] += other[other.length - 1];
            }
            shapes.add(merged);
        }
        shapes.addAll(forwardShapes.subList(1, forwardShapes.size()));
        shapes.addAll(backwardShapes.subList(1, backwardShapes.size()));
        return shapes;
    }

    /** The sequence, then the states {@code [from, to)} of {@code states} when any are given. */
    private static <T> List<T> withStates(T sequence, List<T> states, int from, int to) {
        List<T> inputs = new ArrayList<>(List.of(sequence));
        inputs.addAll(states.isEmpty() ? List.of() : states.subList(from, to));
        return inputs;
    }

    /** None, or one per state of each direction: the forward layer's, then the backward layer's. */
    private void checkInitialStateCount(int given) {
        int expected = forward.stateCount() + backward.stateCount();
        if (given != 0 && given != expected) {
            throw error("expects " + expected + " initial states (the forward layer's, then the backward layer's), got "
                    + given);
        }
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        List<int[]> sequence = List.of(inputShapes.get(0));   // the weights depend on the sequence alone
        buildInner(forward, sequence, rng.split());
        buildInner(backward, sequence, rng.split());
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(forward.parameters());
        all.addAll(backward.parameters());
        return Collections.unmodifiableList(all);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return call(List.of(input), training);
    }

    @Override
    public Variable call(List<Variable> inputs, boolean training) {
        if (mergeMode == MergeMode.NONE) {
            throw error("merge mode none has two outputs: use callAll (applyAll in a functional graph)");
        }
        return callAll(inputs, training).get(0);
    }

    private Variable merge(Variable a, Variable b) {
        return switch (mergeMode) {
            case CONCAT -> Reshaping.concat(a.shape().length - 1, a, b);
            case SUM -> a.add(b);
            case MUL -> a.mul(b);
            case AVE -> a.add(b).mul(0.5f);
            case NONE -> throw new AssertionError();
        };
    }

    /** The forward and the backward output, the latter in input order when sequences are returned. */
    public List<Variable> callBoth(Variable input, boolean training) {
        RecurrentOutput f = forward.callWithState(input, training, null);
        RecurrentOutput b = backward.callWithState(input, training, null);
        return List.of(withMask(input, f.output()), withMask(input, inInputOrder(b.output())));
    }

    /**
     * The output (or, for merge mode none, both outputs) followed by the forward layer's final
     * states and the backward layer's, each {@code (batch, units)}: Keras' return_state.
     *
     * @param initialStates null for zeros, or the forward layer's initial states followed by the
     *                      backward layer's
     */
    public List<Variable> callWithStates(Variable input, boolean training, List<Variable> initialStates) {
        if (!forward.returnState()) {
            throw error("returns its states only when the wrapped layer has return_state");
        }
        List<Variable> inputs = new ArrayList<>(List.of(input));
        if (initialStates != null) {
            inputs.addAll(initialStates);
        }
        return callAll(inputs, training);
    }

    /**
     * Every output: the merged one (both, for merge mode none), then with return_state the forward
     * layer's final states and the backward layer's. Masks as Keras: each sequence output carries
     * the input's mask, the states none.
     *
     * @param inputs the sequence, then optionally the forward layer's initial states and the backward layer's
     */
    @Override
    public List<Variable> callAll(List<Variable> inputs, boolean training) {
        Variable input = inputs.get(0);
        int n = forward.stateCount();
        List<Variable> initial = inputs.subList(1, inputs.size());
        checkInitialStateCount(initial.size());
        RecurrentOutput f = forward.callWithState(input, training, initial.isEmpty() ? null : initial.subList(0, n));
        RecurrentOutput b = backward.callWithState(input, training, initial.isEmpty() ? null
                : initial.subList(n, initial.size()));
        Variable backwardOutput = inInputOrder(b.output());
        List<Variable> result = new ArrayList<>(mergeMode == MergeMode.NONE
                ? List.of(withMask(input, f.output()), withMask(input, backwardOutput))
                : List.of(withMask(input, merge(f.output(), backwardOutput))));
        if (forward.returnState()) {
            result.addAll(states(f));
            result.addAll(states(b));
        }
        return result;
    }

    /** A sequence output carries the input's mask (Keras' compute_mask); a last-step output none. */
    private Variable withMask(Variable input, Variable output) {
        return forward.returnSequences() && input.mask() != null ? output.withMask(input.mask()) : output;
    }

    private static List<Variable> states(RecurrentOutput out) {
        return out.c() == null ? List.of(out.h()) : List.of(out.h(), out.c());
    }

    /** The backward layer's output, its sequence reversed back into input order. */
    private Variable inInputOrder(Variable b) {
        return forward.returnSequences() ? Reshaping.reverseTime(b) : b;
    }

    /**
     * Keras' keys: {@code merge_mode}, the forward layer under {@code layer}, and, only when it is not
     * the forward layer mirrored, the backward layer under {@code backward_layer} (so files of
     * Bidirectional layers without one stay as they were).
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("merge_mode", mergeMode.name().toLowerCase());
        config.put("layer", serialized(forward));   // Keras' serialized forward layer
        if (customBackward) {
            config.put("backward_layer", serialized(backward));
        }
        return config;
    }

    private static Map<String, Object> serialized(RecurrentLayer layer) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("class_name", layer.type());
        out.put("config", layer.config());
        return out;
    }

    /**
     * The layer {@link #config()} describes; the wrapped layers are read by the config's resolver.
     * A config without {@code backward_layer}, or with null there, mirrors the forward layer.
     */
    public static Bidirectional fromConfig(LayerConfig c) {
        String name = c.optName();
        String mergeMode = c.optText("merge_mode");   // Keras writes None as null
        MergeMode mode = switch (mergeMode == null ? "none" : mergeMode) {
            case "concat", "sum", "mul", "ave", "none" ->
                    MergeMode.valueOf((mergeMode == null ? "none" : mergeMode).toUpperCase(java.util.Locale.ROOT));
            default -> throw c.error("unknown merge_mode '" + mergeMode + "'; expected concat, sum, mul, ave or none");
        };
        RecurrentLayer forward = recurrent(c, c.layer("layer"));
        Layer backward = c.optLayer("backward_layer");
        return new Bidirectional(name, forward, mode, backward == null ? null : recurrent(c, backward));
    }

    private static RecurrentLayer recurrent(LayerConfig c, Layer layer) {
        if (!(layer instanceof RecurrentLayer recurrent)) {
            throw c.error("wraps a recurrent layer (SimpleRNN, LSTM or GRU), got " + layer.type());
        }
        return recurrent;
    }
}
