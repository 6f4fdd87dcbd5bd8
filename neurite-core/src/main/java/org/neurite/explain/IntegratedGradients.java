package org.neurite.explain;

import java.util.List;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Embedding;
import org.neurite.tensor.Tensor;

/**
 * Integrated gradients (Sundararajan et al., 2017) over the embeddings of a model that starts with
 * an {@link Embedding}: how much each token moved the score {@code f} from a baseline input to the
 * actual one.
 *
 * <p>With {@code x} the embedded tokens {@code (time, dim)} and {@code b} the baseline (zeros, or the
 * padding token's embedding at every position), the attribution of position {@code t} is
 *
 * <pre>
 *   IG_t = Σ_d (x - b)_{t,d} · ∫₀¹ ∂f(b + α(x - b)) / ∂x_{t,d} dα
 * </pre>
 *
 * <p>and completeness holds: {@code Σ_t IG_t = f(x) - f(b)}. The integral is the trapezoidal rule
 * over {@code steps} intervals ({@code steps + 1} points on the path, evaluated as batches through
 * the layers after the embedding, one backward pass per batch); the result reports how far the sum
 * misses {@code f(x) - f(b)}, which shrinks as {@code 1/steps²}. The mask of the actual input (from
 * {@code mask_zero}) is kept along the whole path, so padding never contributes.
 *
 * <pre>{@code
 * Tensor ids = vectorizer.transform(List.of(text));                          // (1, time)
 * Attribution a = IntegratedGradients.explain(model, ids, vectorizer.tokenize(text), 0,
 *         IntegratedGradients.Options.defaults());
 * a.completenessGap();                                                       // e.g. 3e-4
 * }</pre>
 */
public final class IntegratedGradients {
    /** Path points per batch are limited so that a batch holds at most about this many floats. */
    private static final long BATCH_FLOATS = 1L << 22;

    private IntegratedGradients() {
    }

    /** Where the path starts. */
    public enum Baseline {
        /** The zero vector at every position. */
        ZERO,
        /** The embedding of token id 0 (padding) at every position. */
        PADDING
    }

    /**
     * @param steps intervals of the trapezoidal rule along the path; at least 1
     * @param baseline where the path starts
     */
    public record Options(int steps, Baseline baseline) {
        public Options {
            if (steps < 1) {
                throw new IllegalArgumentException("integrated gradients: steps must be positive, got " + steps);
            }
        }

        /** 50 steps from the zero embedding. */
        public static Options defaults() {
            return new Options(50, Baseline.ZERO);
        }
    }

    /** True when the model is a {@link SequentialNetwork} whose first layer is an {@link Embedding}. */
    public static boolean applies(Network model) {
        return model instanceof SequentialNetwork && !model.layers().isEmpty()
                && model.layers().get(0) instanceof Embedding;
    }

    /**
     * Attributes {@code target}'s score for one sequence of token ids {@code (1, time)} to its
     * positions; {@code tokens} names the first positions (positions beyond them, such as padding,
     * are not reported but count towards completeness).
     */
    public static Attribution explain(Network model, Tensor ids, List<String> tokens, int target, Options options) {
        if (!applies(model)) {
            throw new IllegalArgumentException("integrated gradients: model '" + model.name()
                    + "' is not a Sequential model starting with an Embedding layer; use occlusion");
        }
        if (ids.rank() != 2 || ids.dim(0) != 1) {
            throw new IllegalArgumentException("integrated gradients: expected the ids of one text, (1, time)");
        }
        model.build();
        Embedding embedding = (Embedding) model.layers().get(0);
        Variable embedded = embedding.call(Variable.constant(ids), false);
        Tensor x = embedded.value().reshape(ids.dim(1), embedding.outputDim());     // (time, dim)
        Tensor b = baseline(embedding, ids, options.baseline());                    // (time, dim)
        Path path = integrate(model.layers().subList(1, model.layers().size()), x, b, embedded.mask(), target,
                options.steps());
        float[] perPosition = x.sub(b).mul(path.meanGradient()).sum(1, false).toArray();   // (time)
        double total = 0;
        for (float v : perPosition) {
            total += v;
        }
        int shown = Math.min(tokens.size(), perPosition.length);
        float[] scores = java.util.Arrays.copyOf(perPosition, shown);
        double gap = Math.abs(total - (path.end() - path.start()));
        return new Attribution(tokens.subList(0, shown), scores, target, path.end(), path.start(), gap,
                Attribution.Method.INTEGRATED_GRADIENTS);
    }

    private static Tensor baseline(Embedding embedding, Tensor ids, Baseline baseline) {
        int time = ids.dim(1);
        if (baseline == Baseline.ZERO) {
            return Tensor.zeros(time, embedding.outputDim());
        }
        return embedding.call(Variable.constant(Tensor.zeros(1, time)), false).value()
                .reshape(time, embedding.outputDim());
    }

    /** The trapezoid-weighted mean gradient along the path, and the scores at its two ends. */
    private record Path(Tensor meanGradient, float start, float end) {
    }

    private static Path integrate(List<Layer> layers, Tensor x, Tensor b, Tensor mask, int target, int steps) {
        int points = steps + 1;
        int perBatch = (int) Math.max(1, Math.min(points, BATCH_FLOATS / Math.max(1, x.size())));
        Tensor delta = x.sub(b);
        Tensor sum = Tensor.zeros(x.shape());
        float start = 0;
        float end = 0;
        for (int first = 0; first < points; first += perBatch) {
            int n = Math.min(perBatch, points - first);
            Tensor[] inputs = new Tensor[n];
            for (int k = 0; k < n; k++) {
                inputs[k] = b.add(delta.mul((first + k) / (float) steps));
            }
            Variable input = Variable.parameter(Tensor.stack(0, inputs));          // (n, time, dim)
            if (mask != null) {
                input.withMask(mask.broadcastTo(n, x.dim(0)));                      // (n, time)
            }
            Variable output = forward(layers, input);
            ModelScore.summed(output, target).backward();
            float[] scores = ModelScore.of(output.value(), target);
            for (int k = 0; k < n; k++) {
                int point = first + k;
                float weight = point == 0 || point == steps ? 0.5f : 1f;
                sum.addInPlace(input.grad().slice(k, k + 1).reshape(x.shape()).mul(weight));
                start = point == 0 ? scores[k] : start;
                end = point == steps ? scores[k] : end;
            }
        }
        return new Path(sum.mul(1f / steps), start, end);
    }

    private static Variable forward(List<Layer> layers, Variable input) {
        Variable h = input;
        for (Layer layer : layers) {
            h = layer.call(h, false);
        }
        return h;
    }
}
