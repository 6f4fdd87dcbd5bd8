package org.neurite.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.kernels.Parallel;
import org.neurite.nn.Parameter;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Tensor;

/**
 * Updates weights from their gradients: one general step (clip, then a rule per weight), with the
 * update rules of SGD, RMSprop, Adagrad, Adam and AdamW as subclasses.
 *
 * <p>A step follows Keras' {@code BaseOptimizer.apply}: clip the gradients, decay the weights, then
 * run each weight's update rule. At most one kind of clipping may be set, as in Keras:
 * {@code clipNorm} rescales each weight's gradient to at most that L2 norm
 * ({@code g·c / max(‖g‖, c)}), {@code globalClipNorm} rescales all gradients together by
 * {@code c / max(‖G‖, c)} (NaN when the global norm is not finite, so that a broken step shows),
 * {@code clipValue} clips each element to {@code [-c, c]}. Weight decay, when set, is Keras'
 * decoupled form {@code w -= w·weightDecay·lr}, applied before the update rule. The learning rate
 * comes from a {@link LearningRateSchedule} evaluated at the step count before the step.
 *
 * <p>Per-weight state (moments, accumulators) is made on first use, outside any buffer arena, at
 * each slot's {@link #initialSlotValue initial value}, and is exposed by {@link #state()} so that
 * checkpoints can save and restore it.
 *
 * <p>Every update rule is elementwise, so a step updates all weights in one parallel region, in
 * blocks of {@value #BLOCK} elements numbered weight after weight: a step of a small model's many
 * weights costs one hand-off between threads instead of one per weight, and no weight stays on one
 * thread for being small. The blocks' bounds do not depend on the thread count, so neither do the
 * results.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.1f, 0.9f, true).optClipNorm(1f).optWeightDecay(1e-4f);
 * }</pre>
 */
public abstract class Optimizer {
    /** Elements per block of the update; a multiple of every vector length. */
    private static final int BLOCK = 4096;
    /** Blocks per thread below which the update stays on the calling thread. */
    private static final int MIN_BLOCKS = 8;
    private LearningRateSchedule schedule;
    private float clipValue = Float.NaN;
    private float clipNorm = Float.NaN;
    private float globalClipNorm = Float.NaN;
    private float weightDecay;
    private long iterations;
    private final Map<Parameter, Tensor[]> slots = new IdentityHashMap<>();

    protected Optimizer(float learningRate) {
        this.schedule = LearningRateSchedule.constant(learningRate);
    }

    /** The Keras name ({@code adam}). */
    public abstract String name();

    /** How many state tensors each weight needs (Adam: 2, SGD with momentum: 1). */
    protected abstract int slotCount();

    /**
     * Updates {@code n} elements of a weight in place, {@code w[wo, wo+n)}, from their gradients
     * {@code g[go, go+n)} at learning rate {@code lr}; {@code step} counts from 1; {@code slots} holds
     * this weight's whole state tensors, each at {@link #initialSlotValue} at first, of which elements
     * {@code [so, so+n)} belong to these elements. Called for parts of a weight, from several threads
     * at once for different parts, so a rule must be elementwise.
     */
    protected abstract void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, int so, float lr,
                                   long step);

    /** The value every element of state tensor {@code slot} starts at: zero unless overridden (Adagrad). */
    protected float initialSlotValue(int slot) {
        return 0f;
    }

    /** One optimisation step over the trainable weights that have a gradient. */
    public final void apply(List<Parameter> parameters) {
        float scale = globalScale(parameters);
        float lr = learningRate();
        iterations++;
        List<WeightUpdate> updates = new ArrayList<>(parameters.size());
        int blocks = 0;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            if (!p.trainable() || g == null) {
                continue;
            }
            Tensor clipped = clip(g, scale);
            Tensor w = p.value();
            if (weightDecay != 0f) {
                decay(w.data(), w.offset(), w.size(), weightDecay, lr);
            }
            updates.add(new WeightUpdate(w, clipped, slotsOf(p), blocks));
            blocks += (w.size() + BLOCK - 1) / BLOCK;
        }
        long step = iterations;
        Parallel.forRange(0, blocks, MIN_BLOCKS, (from, to) -> updateBlocks(updates, from, to, lr, step));
    }

    /** A weight, its clipped gradient and its state, and the number of its first block in the step. */
    private record WeightUpdate(Tensor w, Tensor g, Tensor[] slots, int firstBlock) {
    }

    /** Runs the update rule on blocks {@code [from, to)} of the step, numbered weight after weight. */
    private void updateBlocks(List<WeightUpdate> updates, int from, int to, float lr, long step) {
        for (WeightUpdate u : updates) {
            int size = u.w().size();
            int end = Math.min(to, u.firstBlock() + (size + BLOCK - 1) / BLOCK);
            for (int b = Math.max(from, u.firstBlock()); b < end; b++) {
                int start = (b - u.firstBlock()) * BLOCK;
                update(u.w().data(), u.w().offset() + start, u.g().data(), u.g().offset() + start,
                        Math.min(BLOCK, size - start), u.slots(), start, lr, step);
            }
        }
    }

    private Tensor[] slotsOf(Parameter p) {
        return slots.computeIfAbsent(p, k -> BufferArena.detached(() -> {
            Tensor[] s = new Tensor[slotCount()];
            for (int i = 0; i < s.length; i++) {
                s[i] = Tensor.full(initialSlotValue(i), k.value().shape());
            }
            return s;
        }));
    }

    /** Keras' decoupled weight decay, {@code w -= w·wd·lr}, in Keras' order of operations. */
    private static void decay(float[] w, int wo, int n, float wd, float lr) {
        for (int i = 0; i < n; i++) {
            w[wo + i] -= w[wo + i] * wd * lr;
        }
    }

    /** The factor {@code c / max(‖G‖, c)} over all gradients, or NaN when their norm is not finite. */
    private float globalScale(List<Parameter> parameters) {
        if (Float.isNaN(globalClipNorm)) {
            return 1f;
        }
        double total = 0;
        for (Parameter p : parameters) {
            if (p.trainable() && p.grad() != null) {
                total += sumOfSquares(p.grad());
            }
        }
        double norm = Math.sqrt(total);
        if (!Double.isFinite(norm)) {
            return Float.NaN;
        }
        return norm > globalClipNorm ? (float) (globalClipNorm / norm) : 1f;
    }

    private Tensor clip(Tensor g, float globalScale) {
        if (!Float.isNaN(clipNorm)) {
            double norm = Math.sqrt(sumOfSquares(g));
            return norm > clipNorm ? g.mul((float) (clipNorm / norm)) : g;
        }
        if (!Float.isNaN(globalClipNorm)) {
            return globalScale == 1f ? g : g.mul(globalScale);
        }
        if (!Float.isNaN(clipValue)) {
            Tensor c = g.copy();
            float[] d = c.data();
            for (int i = c.offset(), end = c.offset() + c.size(); i < end; i++) {
                d[i] = Math.max(-clipValue, Math.min(clipValue, d[i]));
            }
            return c;
        }
        return g;
    }

    private static double sumOfSquares(Tensor t) {
        float[] d = t.data();
        double sum = 0;
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) {
            sum += (double) d[i] * d[i];
        }
        return sum;
    }

    /** The learning rate the next step will use. */
    public float learningRate() {
        return schedule.rate(iterations);
    }

    /** Replaces the schedule by a constant rate (what ReduceLROnPlateau does); returns this. */
    public Optimizer setLearningRate(float rate) {
        this.schedule = LearningRateSchedule.constant(rate);
        return this;
    }

    public Optimizer optSchedule(LearningRateSchedule value) {
        this.schedule = value;
        return this;
    }

    /** Clips each gradient element to {@code [-value, value]} (Keras' {@code clipvalue}); returns this. */
    public Optimizer optClipValue(float value) {
        checkClip("clipValue", value, clipValue);
        this.clipValue = value;
        return this;
    }

    /** Rescales each weight's gradient to an L2 norm of at most {@code value} (Keras' {@code clipnorm}). */
    public Optimizer optClipNorm(float value) {
        checkClip("clipNorm", value, clipNorm);
        this.clipNorm = value;
        return this;
    }

    /** Rescales all gradients together to a global L2 norm of at most {@code value} ({@code global_clipnorm}). */
    public Optimizer optGlobalClipNorm(float value) {
        checkClip("globalClipNorm", value, globalClipNorm);
        this.globalClipNorm = value;
        return this;
    }

    /** Decays each updated weight by {@code w -= w·value·lr} before its update (Keras' {@code weight_decay}). */
    public Optimizer optWeightDecay(float value) {
        if (!(value >= 0f)) {
            throw new IllegalArgumentException(name() + ": weightDecay must be >= 0, got " + value);
        }
        this.weightDecay = value;
        return this;
    }

    /** The weight decay factor; 0 when off. */
    public float weightDecay() {
        return weightDecay;
    }

    private void checkClip(String option, float value, float current) {
        if (!(value > 0f)) {
            throw new IllegalArgumentException(name() + ": " + option + " must be positive, got " + value);
        }
        int set = (Float.isNaN(clipValue) ? 0 : 1) + (Float.isNaN(clipNorm) ? 0 : 1)
                + (Float.isNaN(globalClipNorm) ? 0 : 1) - (Float.isNaN(current) ? 0 : 1);
        if (set > 0) {
            throw new IllegalStateException(name() + ": only one of clipNorm, clipValue and globalClipNorm can be"
                    + " set (as in Keras), but " + option + " was set after another");
        }
    }

    /** The number of steps taken. */
    public long iterations() {
        return iterations;
    }

    /** Restores the step count, when resuming from a checkpoint. */
    public void setIterations(long value) {
        this.iterations = value;
    }

    /** Each weight's state tensors by the weight's path and slot index ({@code dense.kernel/0}). */
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        slots.forEach((p, s) -> {
            for (int i = 0; i < s.length; i++) {
                state.put(p.path() + "/" + i, s[i]);
            }
        });
        return state;
    }

    /** Loads saved state for these weights (missing entries keep their initial value). */
    public void loadState(List<Parameter> parameters, Map<String, Tensor> saved) {
        for (Parameter p : parameters) {
            Tensor[] s = slotsOf(p);
            for (int i = 0; i < s.length; i++) {
                Tensor value = saved.get(p.path() + "/" + i);
                if (value != null) {
                    s[i].copyFrom(value);
                }
            }
        }
    }
}
