package org.neurite.keras;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neurite.nn.Layer;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Masking;

/**
 * The mask operations Keras 3 records in a functional config. A layer that consumes a mask gets it
 * as an explicit call argument, computed by operation nodes: {@code NotEqual(ids, 0)} for an
 * {@code Embedding(mask_zero=True)}, {@code Any(NotEqual(x, v), axis=-1)} for {@code Masking(v)}.
 * Neurite carries those masks along the graph itself, so these nodes are not layers here; each
 * {@code mask} argument is accepted only where it is exactly the mask Neurite will carry to that
 * layer: the one made by an Embedding or Masking layer, with the same value, on the same tensor,
 * upstream of the layer's input (through layers of one input, and through the attention layers,
 * whose output carries their query's mask). Any other mask is refused.
 */
final class MaskOps {
    /** {@code source != value}, reduced with any() over the last axis when {@code any}. */
    private record MaskSource(SymbolicTensor source, double value, boolean any) {
    }

    private final Map<String, MaskSource> byName = new HashMap<>();

    static boolean isMaskOp(String className) {
        return className.equals("NotEqual") || className.equals("Any");
    }

    /** Records the operation node {@code entry}; {@code tensors} resolves a keras_history. */
    void read(String className, String name, Map<String, Object> entry, Function<List<Object>, SymbolicTensor> tensors) {
        List<Object> nodes = KerasModelConfig.list(entry.get("inbound_nodes"), "operation '" + name + "' nodes");
        Map<String, Object> config = KerasModelConfig.map(entry.get("config"), "operation '" + name + "' config");
        if (nodes.size() != 1) {
            throw new KerasFormatError("operation '" + name + "' (" + className + "): used " + nodes.size()
                    + " times; expected once, as Keras records masks");
        }
        List<Object> args = KerasModelConfig.list(KerasModelConfig.map(nodes.get(0), "operation node").get("args"),
                "operation '" + name + "' args");
        if (className.equals("NotEqual")) {
            if (args.size() != 2 || !(args.get(1) instanceof Number value)) {
                throw new KerasFormatError("operation '" + name + "' (NotEqual): expected a tensor and a number");
            }
            byName.put(name, new MaskSource(tensors.apply(history(args.get(0), name)), value.doubleValue(), false));
            return;
        }
        List<Object> from = args.isEmpty() ? List.of() : history(args.get(0), name);
        MaskSource inner = from.isEmpty() ? null : byName.get(String.valueOf(from.get(0)));
        boolean lastAxis = Integer.valueOf(-1).equals(config.get("axis")) && Boolean.FALSE.equals(config.get("keepdims"));
        if (args.size() != 1 || inner == null || inner.any() || !lastAxis) {
            throw new KerasFormatError("operation '" + name + "' (Any): only any(NotEqual(x, v), axis=-1), Masking's"
                    + " mask, can be imported");
        }
        byName.put(name, new MaskSource(inner.source(), inner.value(), true));
    }

    /** Refuses {@code mask} (a keras tensor) unless it is the mask Neurite carries to {@code input}. */
    void check(Object mask, SymbolicTensor input, String layer) {
        List<Object> history = history(mask, layer);
        MaskSource source = byName.get(String.valueOf(history.get(0)));
        if (source != null && input != null && madeUpstream(source, input)) {
            return;
        }
        throw new KerasFormatError("layer '" + layer + "': call argument 'mask' = " + history
                + " cannot be imported: it is not the mask of an Embedding(mask_zero) or Masking layer upstream");
    }

    /** Whether an Embedding/Masking producing exactly {@code source}'s mask lies on {@code input}'s path. */
    private static boolean madeUpstream(MaskSource source, SymbolicTensor input) {
        SymbolicTensor t = input;
        while (t != null && !t.isInput()) {
            Layer layer = t.layer();
            boolean sameSource = t.inputs().size() == 1 && t.inputs().get(0) == source.source();
            boolean matches = switch (layer) {
                case Embedding e -> !source.any() && e.maskZero() && source.value() == 0;
                case Masking m -> source.any() && m.maskValue() == (float) source.value();
                default -> false;
            };
            if (sameSource && matches) {
                return true;
            }
            boolean carriesQueryMask = KerasLayerConfig.CAUSAL_OPTION.contains(layer.type());   // the attention layers
            t = t.inputs().size() == 1 || carriesQueryMask ? t.inputs().get(0) : null;
        }
        return false;
    }

    private static List<Object> history(Object tensor, String user) {
        Map<String, Object> config = KerasModelConfig.map(KerasModelConfig.map(tensor, user + " tensor").get("config"),
                user + " tensor");
        List<Object> history = KerasModelConfig.list(config.get("keras_history"), user + " keras_history");
        if (history.isEmpty()) {
            throw new KerasFormatError(user + ": empty keras_history");
        }
        return history;
    }
}
