package org.neurite.autograd;

/**
 * How a fused recurrent op ({@link LstmOps}, {@link GruOps}, {@link SimpleRnnOps}) runs over time.
 *
 * @param returnSequences   output every step {@code (batch, time, units)}, not only the last
 *                          {@code (batch, units)}
 * @param returnState       also return the final states (h, and c for LSTM), each {@code (batch, units)}
 * @param goBackwards       process the sequence from its last step to its first; the returned
 *                          sequence is then in processing order (reversed), as in Keras
 * @param truncateBptt      0 for full backpropagation through time; {@code k > 0} cuts the sequence
 *                          into windows of {@code k} steps (in processing order) and treats the state
 *                          handed from one window to the next as a constant, so gradients flow back at
 *                          most {@code k} steps (the forward pass is unchanged)
 * @param zeroOutputForMask a masked step outputs zeros instead of repeating the previous output
 *                          (Keras' {@code zero_output_for_mask}, which Bidirectional turns on)
 */
public record RecurrentOptions(boolean returnSequences, boolean returnState, boolean goBackwards,
                               int truncateBptt, boolean zeroOutputForMask) {
    /** Keras' defaults: the last output only, no states, forwards, full BPTT. */
    public static final RecurrentOptions DEFAULT = new RecurrentOptions(false, false, false, 0, false);

    public RecurrentOptions {
        if (truncateBptt < 0) {
            throw new IllegalArgumentException("truncateBptt must be >= 0, got " + truncateBptt);
        }
    }

    public RecurrentOptions withReturnSequences(boolean value) {
        return new RecurrentOptions(value, returnState, goBackwards, truncateBptt, zeroOutputForMask);
    }

    public RecurrentOptions withReturnState(boolean value) {
        return new RecurrentOptions(returnSequences, value, goBackwards, truncateBptt, zeroOutputForMask);
    }

    public RecurrentOptions withGoBackwards(boolean value) {
        return new RecurrentOptions(returnSequences, returnState, value, truncateBptt, zeroOutputForMask);
    }

    public RecurrentOptions withTruncateBptt(int steps) {
        return new RecurrentOptions(returnSequences, returnState, goBackwards, steps, zeroOutputForMask);
    }

    public RecurrentOptions withZeroOutputForMask(boolean value) {
        return new RecurrentOptions(returnSequences, returnState, goBackwards, truncateBptt, value);
    }
}
