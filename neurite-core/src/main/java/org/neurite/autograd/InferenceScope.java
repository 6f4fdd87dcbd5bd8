package org.neurite.autograd;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stretch of inference in which no weight changes: a prediction loop opens one around its
 * batches, saying how many samples it will run, so that an op may make a table from weights once
 * and reuse it for every batch (an embedding table projected by a recurrent layer's input kernel,
 * see {@link TokenInputs}), and may judge whether making it pays. Scopes nest; each belongs to the
 * thread that opened it.
 *
 * <pre>{@code
 * try (InferenceScope scope = InferenceScope.open(x.dim(0)); Autograd.Scope noGrad = Autograd.noGrad()) {
 *     for (...) { model.call(batch, false); }   // weights must not change in here
 * }
 * }</pre>
 */
public final class InferenceScope implements AutoCloseable {
    private static final ThreadLocal<InferenceScope> CURRENT = new ThreadLocal<>();

    private final long samples;
    private final InferenceScope outer;
    private final Map<Object, Object> tables = new HashMap<>();

    private InferenceScope(long samples, InferenceScope outer) {
        this.samples = samples;
        this.outer = outer;
    }

    /** Opens a scope on this thread for a run over {@code samples} samples. */
    public static InferenceScope open(long samples) {
        InferenceScope scope = new InferenceScope(samples, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The innermost open scope of this thread, or null. */
    public static InferenceScope current() {
        return CURRENT.get();
    }

    /** The samples the run inside this scope covers. */
    public long samples() {
        return samples;
    }

    /** The table stored under {@code key} (compared with {@code equals}), made by {@code make} on first use. */
    @SuppressWarnings("unchecked")
    <T> T table(Object key, Supplier<T> make) {
        return (T) tables.computeIfAbsent(key, k -> make.get());
    }

    @Override
    public void close() {
        if (CURRENT.get() != this) {
            throw new IllegalStateException("inference scopes must be closed innermost first, on the thread that opened them");
        }
        CURRENT.set(outer);
    }
}
