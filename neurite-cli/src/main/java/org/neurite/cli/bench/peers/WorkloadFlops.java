package org.neurite.cli.bench.peers;

/**
 * FLOP counts of the peer workloads, counted as {@code neurite-bench/peers/flops.py} counts them:
 * matrix products only (one multiply-add = 2 FLOP); elementwise work, biases, softmax, pooling and
 * the optimizer are O(parameters) or O(activations) and left out, so the bound is a lower bound.
 * A training step costs the forward product, the weight gradient and the input gradient of every
 * product (3x forward), except that W1's first layer needs no input gradient (its input is data);
 * the layers after an embedding do need theirs (the embedding is trained).
 */
public final class WorkloadFlops {
    private static final int[][] MLP = {{784, 256}, {256, 128}, {128, 10}};
    private static final int UNITS = 128;
    private static final int TIME = 200;
    private static final int WIDTH = 32;
    private static final int HEADS = 2;
    private static final int KEY_DIM = 32;
    private static final int CONV_LENGTH = 500;
    private static final int CONV_KERNEL = 7;
    private static final int CONV_STRIDE = 3;
    private static final int CONV_FILTERS = 128;

    private WorkloadFlops() {
    }

    /** W1's forward pass over {@code samples} images. */
    public static double mlpForward(int samples) {
        double perSample = 0;
        for (int[] layer : MLP) {
            perSample += 2.0 * layer[0] * layer[1];
        }
        return perSample * samples;
    }

    /** W1's training epoch: forward, weight gradients, and input gradients of all but the first layer. */
    public static double mlpTrain(int samples) {
        double firstLayer = 2.0 * MLP[0][0] * MLP[0][1] * samples;
        return 3 * mlpForward(samples) - firstLayer;
    }

    /** W2's recurrent layer (4 gates for an LSTM, 3 for a GRU) over 200 steps of width 128, plus Dense(1). */
    public static double recurrentForward(int gates, int samples) {
        double perStep = 2.0 * UNITS * gates * UNITS * 2; // input and recurrent products
        return (TIME * perStep + 2.0 * UNITS) * samples;
    }

    /** W2's training epoch (3x forward). */
    public static double recurrentTrain(int gates, int samples) {
        return 3 * recurrentForward(gates, samples);
    }

    /** W3: q, k, v and output projections, scores and weighted values per head, feed-forward, head. */
    public static double transformerForward(int samples) {
        double projections = 3 * 2.0 * TIME * WIDTH * HEADS * KEY_DIM + 2.0 * TIME * HEADS * KEY_DIM * WIDTH;
        double attention = HEADS * 2 * 2.0 * TIME * TIME * KEY_DIM;
        double feedForward = 2 * 2.0 * TIME * WIDTH * WIDTH;
        double head = 2.0 * WIDTH * 20 + 2.0 * 20 * 2;
        return (projections + attention + feedForward + head) * samples;
    }

    /** W3's training epoch (3x forward). */
    public static double transformerTrain(int samples) {
        return 3 * transformerForward(samples);
    }

    /** W4: two Conv1D(128, 7, strides 3) as products over their output steps, then Dense(128) and Dense(1). */
    public static double convForward(int samples) {
        int first = (CONV_LENGTH - CONV_KERNEL) / CONV_STRIDE + 1;
        int second = (first - CONV_KERNEL) / CONV_STRIDE + 1;
        double perStep = 2.0 * CONV_KERNEL * CONV_FILTERS * CONV_FILTERS;
        double dense = 2.0 * CONV_FILTERS * CONV_FILTERS + 2.0 * CONV_FILTERS;
        return ((first + second) * perStep + dense) * samples;
    }

    /** W4's training epoch (3x forward). */
    public static double convTrain(int samples) {
        return 3 * convForward(samples);
    }
}
