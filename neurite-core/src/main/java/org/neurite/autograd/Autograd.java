package org.neurite.autograd;

/**
 * Switches recording on and off for the calling thread.
 *
 * <p>Inside a {@link #noGrad()} scope, operations record nothing, so inference keeps no tape and
 * allocates nothing for one:
 *
 * <pre>{@code
 * try (Autograd.Scope scope = Autograd.noGrad()) {
 *     Variable prediction = model.call(input);
 * }
 * }</pre>
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> DISABLED = ThreadLocal.withInitial(() -> new boolean[1]);

    private Autograd() {
    }

    /** True when operations on variables that require gradients are being recorded. */
    public static boolean isRecording() {
        return !DISABLED.get()[0];
    }

    /** Turns recording off until the returned scope is closed. */
    public static Scope noGrad() {
        boolean[] disabled = DISABLED.get();
        boolean previous = disabled[0];
        disabled[0] = true;
        return () -> disabled[0] = previous;
    }

    /** A scope that restores the previous recording state when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
