package org.neurite.train;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.nn.Parameter;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Tensor;

/**
 * Updates weights from their gradients: one general step (clip, then a rule per weight), with the
 * update rules of SGD, RMSprop, Adagrad, Adam and AdamW as subclasses.
 *
 * <p>Clipping follows Keras: {@code clipValue} clips each gradient element, {@code clipNorm} rescales
 * each weight's gradient to at most that L2 norm, {@code globalClipNorm} rescales all gradients
 * together. The learning rate comes from a {@link LearningRateSchedule} evaluated at the step count.
 *
 * <p>Per-weight state (moments, accumulators) is made on first use, outside any buffer arena, and
 * is exposed by {@link #state()} so that checkpoints can save and restore it.
 */
public abstract class Optimizer {
    private LearningRateSchedule schedule;
    private float clipValue = Float.NaN;
    private float clipNorm = Float.NaN;
    private float globalClipNorm = Float.NaN;
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
     * Updates {@code w} in place from gradient {@code g} at learning rate {@code lr}; {@code step} counts
     * from 1; {@code slots} holds this weight's state tensors, zero at first.
     */
    protected abstract void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, float lr, long step);

    /** One optimisation step over the trainable weights that have a gradient. */
    public final void apply(List<Parameter> parameters) {
        float scale = globalScale(parameters);
        float lr = learningRate();
        iterations++;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            if (!p.trainable() || g == null) {
                continue;
            }
            Tensor clipped = clip(g, scale);
            Tensor w = p.value();
            update(w.data(), w.offset(), clipped.data(), clipped.offset(), w.size(), slotsOf(p), lr, iterations);
        }
    }

    private Tensor[] slotsOf(Parameter p) {
        return slots.computeIfAbsent(p, k -> BufferArena.detached(() -> {
            Tensor[] s = new Tensor[slotCount()];
            for (int i = 0; i < s.length; i++) {
                s[i] = Tensor.zeros(k.value().shape());
            }
            return s;
        }));
    }

    private float globalScale(List<Parameter> parameters) {
        if (Float.isNaN(globalClipNorm)) {
            return 1f;
        }
        double total = 0;
        for (Parameter p : parameters) {
            if (p.trainable() && p.grad() != null) {
                Tensor g = p.grad();
                for (int i = 0; i < g.size(); i++) {
                    double v = g.data()[g.offset() + i];
                    total += v * v;
                }
            }
        }
        double norm = Math.sqrt(total);
        return norm > globalClipNorm ? (float) (globalClipNorm / norm) : 1f;
    }

    private Tensor clip(Tensor g, float globalScale) {
        if (globalScale == 1f && Float.isNaN(clipValue) && Float.isNaN(clipNorm)) {
            return g;
        }
        Tensor c = g.mul(globalScale);
        float[] d = c.data();
        if (!Float.isNaN(clipValue)) {
            for (int i = 0; i < c.size(); i++) {
                d[i] = Math.max(-clipValue, Math.min(clipValue, d[i]));
            }
        }
        if (!Float.isNaN(clipNorm)) {
            double sq = 0;
            for (int i = 0; i < c.size(); i++) {
                sq += (double) d[i] * d[i];
            }
            double norm = Math.sqrt(sq);
            if (norm > clipNorm) {
                c.mulInPlace((float) (clipNorm / norm));
            }
        }
        return c;
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

    public Optimizer optClipValue(float value) {
        this.clipValue = value;
        return this;
    }

    public Optimizer optClipNorm(float value) {
        this.clipNorm = value;
        return this;
    }

    public Optimizer optGlobalClipNorm(float value) {
        this.globalClipNorm = value;
        return this;
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

    /** Loads saved state for these weights (missing entries start at zero). */
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
