package org.neurite.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.Tensor;

/**
 * The common part of the layers that merge several inputs into one (Keras' {@code Merge} base):
 * {@link Add}, {@link Subtract}, {@link Multiply}, {@link Average}, {@link Maximum}, {@link Minimum}
 * elementwise, and {@link Concatenate}. No weights.
 *
 * <p>The elementwise merges take two or more inputs of one shape (no broadcasting) and give that
 * shape. A timestep mask on any input passes on as the logical AND of the inputs' masks (an input
 * without one counts as all real), as Keras' {@code Merge.compute_mask} does.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.named("a", 8);
 * SymbolicTensor b = Input.named("b", 8);
 * SymbolicTensor sum = new Add().apply(new Dense(4).apply(a), new Dense(4).apply(b));   // (batch, 4)
 * }</pre>
 */
public abstract class Merge extends Layer {
    private final int minInputs;
    private final int maxInputs;

    /** A merge of {@code minInputs} to {@code maxInputs} inputs. */
    protected Merge(String name, int minInputs, int maxInputs) {
        super(name);
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }

    /** Combines the inputs' values, each {@code (batch, ...)}, checked by {@link #outputShape(List)}. */
    protected abstract Variable merge(List<Variable> inputs);

    @Override
    public final int[] outputShape(int[] inputShape) {
        return outputShape(List.of(inputShape));
    }

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        checkCount(inputShapes.size());
        int[] merged = inputShapes.get(0).clone();
        for (int[] shape : inputShapes) {
            if (shape.length != merged.length) {
                throw mismatch(inputShapes);
            }
            for (int d = 0; d < merged.length; d++) {
                if (merged[d] == -1) {
                    merged[d] = shape[d];
                } else if (shape[d] != -1 && shape[d] != merged[d]) {
                    throw mismatch(inputShapes);
                }
            }
        }
        return merged;
    }

    @Override
    public final Variable call(Variable input, boolean training) {
        return call(List.of(input), training);
    }

    @Override
    public final Variable call(List<Variable> inputs, boolean training) {
        checkCount(inputs.size());
        Tensor mask = mergedMask(inputs);
        Variable out = merge(inputs);
        return mask == null ? out : out.withMask(mask);
    }

    /** The output's timestep mask: the AND of the inputs' masks, or null when none has one. */
    protected Tensor mergedMask(List<Variable> inputs) {
        Tensor mask = null;
        for (Variable input : inputs) {
            if (input.mask() != null) {
                mask = mask == null ? input.mask() : mask.mul(input.mask());
            }
        }
        return mask;
    }

    /** An error naming this layer and every input shape, batch shown as None. */
    protected final IllegalArgumentException mismatch(List<int[]> inputShapes) {
        return error(mismatchRule() + ", got " + inputShapes.stream().map(Merge::withBatch)
                .collect(Collectors.joining(", ")));
    }

    /** What the shapes must satisfy, for {@link #mismatch}. */
    protected String mismatchRule() {
        return "inputs must all have the same shape";
    }

    /** Refuses a number of inputs outside this merge's range. */
    protected final void checkCount(int count) {
        if (count < minInputs || count > maxInputs) {
            String expected = minInputs == maxInputs ? "exactly " + minInputs
                    : maxInputs == Integer.MAX_VALUE ? "at least " + minInputs : minInputs + " to " + maxInputs;
            throw error("expects " + expected + " inputs, got " + count);
        }
    }

    static String withBatch(int[] shape) {
        List<String> dims = new ArrayList<>(List.of("None"));
        Arrays.stream(shape).mapToObj(d -> d < 0 ? "None" : Integer.toString(d)).forEach(dims::add);
        return "(" + String.join(", ", dims) + ")";
    }
}
