package org.neurite.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neurite.nn.Layer;
import org.neurite.nn.WeightCheck;
import org.neurite.tensor.Shapes;

/**
 * The weights a file holds, as the budget of the model built from it: while the architecture is
 * built, each weight a layer asks for must be in the file's table with the same shape, and all of
 * them together may not hold more values than the table does. So a forged config (Dense with 2.7
 * million units, an Embedding of 50,000 x 40,000) is refused before its weights are allocated,
 * naming the layer, the weight and both shapes, whatever the layer type.
 *
 * <p>A layer held inside another (the forward layer of a Bidirectional) asks before its outer
 * layer's name is put before its paths, so a path also matches a table entry that ends with it.
 * The exact names are checked again once the model is built.
 *
 * <pre>{@code
 * Model model = Architecture.fromJson(json).seed(seed).buildForLoading(new StoredWeights(table));
 * }</pre>
 */
final class StoredWeights implements WeightCheck {
    /** Entries by full name and by every dotted suffix of it ({@code forward_lstm.kernel}). */
    private static final int MAX_NESTING = 4;
    private static final int MAX_NESTED_NAME = 1024;

    private final Map<String, List<TensorTable.Entry>> byPath = new HashMap<>();
    private final long budget;
    private long admitted;

    StoredWeights(List<TensorTable.Entry> table) {
        long values = 0;
        for (TensorTable.Entry e : table) {
            values += e.length() / Float.BYTES;
            for (String path : paths(e.name())) {
                byPath.computeIfAbsent(path, k -> new ArrayList<>(1)).add(e);
            }
        }
        this.budget = values;
    }

    @Override
    public void admit(Layer layer, String path, int[] shape) {
        String where = "layer '" + Echo.clip(layer.name()) + "' (" + layer.type() + "): weight '" + Echo.clip(path) + "'";
        long values = values(shape);
        if (values < 0) {
            throw new IllegalArgumentException(where + " would have the invalid shape " + Echo.clip(Shapes.toString(shape))
                    + " (dimensions must be positive)");
        }
        List<TensorTable.Entry> stored = byPath.getOrDefault(path, List.of());
        if (stored.isEmpty()) {
            throw new IllegalArgumentException(where + " of shape " + Echo.clip(Shapes.toString(shape))
                    + " is not in the file (the architecture and the weights table disagree)");
        }
        if (stored.stream().noneMatch(e -> Arrays.equals(e.shape(), shape))) {
            throw new IllegalArgumentException(where + " has shape " + Echo.clip(Shapes.toString(stored.get(0).shape()))
                    + " in the file but " + Echo.clip(Shapes.toString(shape)) + " in the architecture");
        }
        admitted += values;   // the shape matched a stored one, so this cannot overflow
        if (admitted > budget) {
            throw new IllegalArgumentException(where + ": the architecture asks for more than the " + budget
                    + " weight values the file holds");
        }
    }

    /**
     * {@code name} and the suffixes after its first few dots, as layers nested that deep would ask
     * for it; only for names of reasonable length, so that a forged table cannot make this index
     * quadratic in the header's size.
     */
    private static List<String> paths(String name) {
        List<String> paths = new ArrayList<>(List.of(name));
        if (name.length() <= MAX_NESTED_NAME) {
            for (int dot = name.indexOf('.'); dot >= 0 && paths.size() <= MAX_NESTING; dot = name.indexOf('.', dot + 1)) {
                paths.add(name.substring(dot + 1));
            }
        }
        return paths;
    }

    /**
     * The number of values of {@code shape}, at most {@link Long#MAX_VALUE} (no file holds that
     * many, so a larger shape is refused by the comparison with the file), or -1 if a dimension is
     * not positive.
     */
    private static long values(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                return -1;
            }
            n = n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        return n;
    }
}
