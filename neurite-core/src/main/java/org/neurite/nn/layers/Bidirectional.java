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
 * zeros in both directions; the input mask is honoured by both. Twice the wrapped layer's parameters.
 *
 * <p>Merge modes: concat (the default, {@code (..., 2·units)}), sum, mul, ave, or none, for which
 * {@link #callBoth} returns the two outputs and {@link #call} refuses.
 *
 * <p>Keras' return_state (set on the wrapped layer): {@link #callWithStates} returns the merged
 * output (two outputs for merge mode none), then the forward layer's final states (h, and c for an
 * LSTM), then the backward layer's; initial states are given in the same order.
 *
 * <pre>{@code
 * Bidirectional bi = new Bidirectional(LSTM.builder().setUnits(64).optReturnSequences(true).build());
 * }</pre>
 */
public final class Bidirectional extends Layer {
    /** How the two directions' outputs are combined. */
    public enum MergeMode { CONCAT, SUM, MUL, AVE, NONE }

    private final RecurrentLayer forward;
    private final RecurrentLayer backward;
    private final MergeMode mergeMode;

    /**
     * @param name  this layer's name, or null for one chosen by the model ({@code bidirectional})
     * @param layer the layer to run both ways; a leading {@code forward_} of its name is dropped, as
     *              Keras does, so that a saved config rebuilds the same names
     */
    public Bidirectional(String name, RecurrentLayer layer, MergeMode mergeMode) {
        super(name);
        String base = layer.name() != null ? layer.name().replaceFirst("^forward_", "")
                : layer.type().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        this.forward = layer.copy("forward_" + base, layer.goBackwards());
        this.backward = layer.copy("backward_" + base, !layer.goBackwards());
        boolean sequences = layer.returnSequences();
        forward.zeroOutputForMask(sequences);
        backward.zeroOutputForMask(sequences);
        this.mergeMode = mergeMode;
    }

    public Bidirectional(RecurrentLayer layer, MergeMode mergeMode) {
        this(null, layer, mergeMode);
    }

    public Bidirectional(RecurrentLayer layer) {
        this(layer, MergeMode.CONCAT);
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
        int[] one = forward.outputShape(inputShape);
        if (mergeMode == MergeMode.CONCAT) {
            one[one.length - 1] *= 2;
        }
        return one;
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        buildInner(forward, inputShapes, rng.split());
        buildInner(backward, inputShapes, rng.split());
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(forward.parameters());
        all.addAll(backward.parameters());
        return Collections.unmodifiableList(all);
    }

    @Override
    public Variable call(Variable input, boolean training) {
        if (mergeMode == MergeMode.NONE) {
            throw error("merge mode none has two outputs: use callBoth");
        }
        List<Variable> both = callBoth(input, training);
        return merge(input, both.get(0), both.get(1));
    }

    private Variable merge(Variable input, Variable a, Variable b) {
        Variable merged = switch (mergeMode) {
            case CONCAT -> Reshaping.concat(a.shape().length - 1, a, b);
            case SUM -> a.add(b);
            case MUL -> a.mul(b);
            case AVE -> a.add(b).mul(0.5f);
            case NONE -> throw new AssertionError();
        };
        return forward.returnSequences() && input.mask() != null ? merged.withMask(input.mask()) : merged;
    }

    /** The forward and the backward output, the latter in input order when sequences are returned. */
    public List<Variable> callBoth(Variable input, boolean training) {
        Variable a = forward.call(input, training);
        Variable b = backward.call(input, training);
        return List.of(a, inInputOrder(b));
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
        int n = forward.stateCount();
        if (initialStates != null && initialStates.size() != 2 * n) {
            throw error("expects " + 2 * n + " initial states (the forward layer's, then the backward layer's), got "
                    + initialStates.size());
        }
        RecurrentOutput f = forward.callWithState(input, training, initialStates == null ? null
                : initialStates.subList(0, n));
        RecurrentOutput b = backward.callWithState(input, training, initialStates == null ? null
                : initialStates.subList(n, 2 * n));
        Variable backwardOutput = inInputOrder(b.output());
        List<Variable> result = new ArrayList<>(mergeMode == MergeMode.NONE ? List.of(f.output(), backwardOutput)
                : List.of(merge(input, f.output(), backwardOutput)));
        result.addAll(states(f));
        result.addAll(states(b));
        return result;
    }

    private static List<Variable> states(RecurrentOutput out) {
        return out.c() == null ? List.of(out.h()) : List.of(out.h(), out.c());
    }

    /** The backward layer's output, its sequence reversed back into input order. */
    private Variable inInputOrder(Variable b) {
        return forward.returnSequences() ? Reshaping.reverseTime(b) : b;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("merge_mode", mergeMode.name().toLowerCase());
        Map<String, Object> layer = new java.util.LinkedHashMap<>();
        layer.put("class_name", forward.type());
        layer.put("config", forward.config());
        config.put("layer", layer);   // Keras' serialized forward layer
        return config;
    }

    /** The layer {@link #config()} describes; the wrapped layer is read by the config's resolver. */
    public static Bidirectional fromConfig(LayerConfig c) {
        String name = c.optName();
        String mergeMode = c.text("merge_mode");
        MergeMode mode = switch (mergeMode) {
            case "concat", "sum", "mul", "ave" -> MergeMode.valueOf(mergeMode.toUpperCase(java.util.Locale.ROOT));
            default -> throw c.error("unknown merge_mode '" + mergeMode + "'; expected concat, sum, mul or ave");
        };
        Layer layer = c.layer("layer");
        if (!(layer instanceof RecurrentLayer recurrent)) {
            throw c.error("wraps a recurrent layer (SimpleRNN, LSTM or GRU), got " + layer.type());
        }
        return new Bidirectional(name, recurrent, mode);
    }
}
