package org.neurite.nn;

import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Makes the starting value of a weight. The factories follow Keras' initializers, names and
 * defaults included; fans are computed as Keras does ({@code (in, out)} for a 2-D kernel, times
 * the receptive field for larger ranks).
 *
 * <pre>{@code
 * Tensor w = Initializer.glorotUniform().create(new Rng(1), 784, 256);
 * }</pre>
 */
public interface Initializer {
    /** A new tensor of the given shape. */
    Tensor create(Rng rng, int... shape);

    /** The Keras name, as written in model files ({@code glorot_uniform}). */
    String name();

    static Initializer glorotUniform() {
        return new VarianceScaling("glorot_uniform", 1f, VarianceScaling.Mode.FAN_AVG, VarianceScaling.Distribution.UNIFORM);
    }

    static Initializer glorotNormal() {
        return new VarianceScaling("glorot_normal", 1f, VarianceScaling.Mode.FAN_AVG,
                VarianceScaling.Distribution.TRUNCATED_NORMAL);
    }

    static Initializer heUniform() {
        return new VarianceScaling("he_uniform", 2f, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM);
    }

    static Initializer heNormal() {
        return new VarianceScaling("he_normal", 2f, VarianceScaling.Mode.FAN_IN,
                VarianceScaling.Distribution.TRUNCATED_NORMAL);
    }

    static Initializer lecunNormal() {
        return new VarianceScaling("lecun_normal", 1f, VarianceScaling.Mode.FAN_IN,
                VarianceScaling.Distribution.TRUNCATED_NORMAL);
    }

    static Initializer lecunUniform() {
        return new VarianceScaling("lecun_uniform", 1f, VarianceScaling.Mode.FAN_IN, VarianceScaling.Distribution.UNIFORM);
    }

    static Initializer orthogonal() {
        return new Orthogonal(1f);
    }

    static Initializer zeros() {
        return constant("zeros", 0f);
    }

    static Initializer ones() {
        return constant("ones", 1f);
    }

    /** Keras' RandomNormal defaults: mean 0, standard deviation 0.05. */
    static Initializer randomNormal() {
        return randomNormal(0f, 0.05f);
    }

    static Initializer randomNormal(float mean, float std) {
        return named("random_normal", (rng, shape) -> Tensor.normal(rng, mean, std, shape));
    }

    /** Keras' RandomUniform defaults: {@code [-0.05, 0.05)}. */
    static Initializer randomUniform() {
        return randomUniform(-0.05f, 0.05f);
    }

    static Initializer randomUniform(float low, float high) {
        return named("random_uniform", (rng, shape) -> Tensor.uniform(rng, low, high, shape));
    }

    /** Looks an initializer up by its Keras name, with default arguments. */
    static Initializer byName(String name) {
        return switch (name) {
            case "glorot_uniform" -> glorotUniform();
            case "glorot_normal" -> glorotNormal();
            case "he_uniform" -> heUniform();
            case "he_normal" -> heNormal();
            case "lecun_normal" -> lecunNormal();
            case "lecun_uniform" -> lecunUniform();
            case "orthogonal" -> orthogonal();
            case "zeros" -> zeros();
            case "ones" -> ones();
            case "random_normal" -> randomNormal();
            case "random_uniform" -> randomUniform();
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; known: [glorot_uniform,"
                    + " glorot_normal, he_uniform, he_normal, lecun_normal, lecun_uniform, orthogonal, zeros, ones,"
                    + " random_normal, random_uniform]");
        };
    }

    private static Initializer constant(String name, float value) {
        return named(name, (rng, shape) -> Tensor.full(value, shape));
    }

    private static Initializer named(String name, java.util.function.BiFunction<Rng, int[], Tensor> f) {
        return new Initializer() {
            @Override
            public Tensor create(Rng rng, int... shape) {
                return f.apply(rng, shape);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
