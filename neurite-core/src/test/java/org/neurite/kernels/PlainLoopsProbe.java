package org.neurite.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.TransformerEncoder;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * Trains one small model of each kind the engine has kernels for (dense layers on a mostly-zero
 * input, LSTM, bidirectional GRU, Conv1D, a transformer encoder), seeded, for two epochs, and
 * prints whether the SIMD kernels ran ({@code simd=true|false}), then each model's predictions on
 * one line. {@link PlainLoopsWithoutVectorModuleTest} runs it in a child JVM without the Vector API
 * module and compares the lines with its own.
 */
public final class PlainLoopsProbe {
    private static final int SAMPLES = 96;
    private static final int STEPS = 12;
    private static final int VOCABULARY = 50;

    private PlainLoopsProbe() {
    }

    public static void main(String[] args) {
        System.out.println("simd=" + Kernels.simdEnabled());
        predictions().forEach(System.out::println);
    }

    /** Each model's predictions after training, the values separated by spaces. */
    static List<String> predictions() {
        SplittableRandom random = new SplittableRandom(7);
        Tensor pixels = Tensor.of(sparse(random, SAMPLES * 300), SAMPLES, 300);
        Tensor tokens = Tensor.of(tokens(random, SAMPLES * STEPS), SAMPLES, STEPS);
        Tensor labels = Tensor.of(labels(random), SAMPLES);
        List<String> lines = new ArrayList<>();
        lines.add(trained(Sequential.of(Input.of(300), new Dense(256, "relu"), new Dense(2, "softmax")), pixels, labels));
        lines.add(trained(text(new LSTM(16)), tokens, labels));
        lines.add(trained(text(new Bidirectional(new GRU(8))), tokens, labels));
        lines.add(trained(text(new Conv1D(16, 3), new GlobalAveragePooling1D()), tokens, labels));
        lines.add(trained(text(new TransformerEncoder(32, 2), new GlobalAveragePooling1D()), tokens, labels));
        return lines;
    }

    private static Sequential text(Layer... middle) {
        List<Layer> layers = new ArrayList<>(List.of(new Embedding(VOCABULARY, 16)));
        layers.addAll(List.of(middle));
        layers.add(new Dense(2, "softmax"));
        return Sequential.of(Input.of(STEPS), layers.toArray(Layer[]::new));
    }

    private static String trained(Model model, Tensor x, Tensor y) {
        model.seed(11);
        model.compile("adam", "sparse_categorical_crossentropy");
        model.fit(x, y, FitOptions.builder().batchSize(32).epochs(2).shuffle(false).build());
        StringBuilder line = new StringBuilder();
        for (float value : model.predict(x).toArray()) {
            line.append(value).append(' ');
        }
        return line.toString().trim();
    }

    /** Values in [0, 1), four in five of them 0, as MNIST's pixels. */
    private static float[] sparse(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(5) == 0 ? (float) random.nextDouble() : 0f;
        }
        return values;
    }

    private static float[] tokens(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = 1 + random.nextInt(VOCABULARY - 1);
        }
        return values;
    }

    private static float[] labels(SplittableRandom random) {
        float[] values = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = random.nextInt(2);
        }
        return values;
    }
}
