package org.neurite.train;

import java.util.List;

/**
 * Keras' optimizers by the words {@code compile(optimizer="...")} takes, each a fresh optimizer with
 * Keras' defaults (Adam, AdamW, RMSprop and Adagrad at learning rate 0.001, SGD at 0.01 without
 * momentum). For other settings make the optimizer itself ({@code new Adam(3e-4f)}).
 *
 * <pre>{@code
 * Optimizer adam = Optimizers.byName("adam");   // same as new Adam()
 * }</pre>
 */
public final class Optimizers {
    private static final List<String> NAMES = List.of("adam", "adamw", "sgd", "rmsprop", "adagrad");

    private Optimizers() {
    }

    /**
     * The optimizer Keras' {@code compile(optimizer="...")} string names, with Keras' defaults. Case
     * is ignored, so Keras' class names ({@code "Adam"}, {@code "RMSprop"}) work as they do there.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "sgd" -> new SGD();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + NAMES);
        };
    }
}
