package org.neurite.cli.recipes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.cli.Arguments;
import org.neurite.cli.report.CodeScatterPlot;
import org.neurite.cli.report.ImageGrid;
import org.neurite.data.ImageDataset;
import org.neurite.data.ImageDatasets;
import org.neurite.data.Split;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.Reshape;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.CosineDecay;
import org.neurite.train.Losses;
import org.neurite.train.MeanMetric;
import picocli.CommandLine.Option;

/**
 * {@code neurite train autoencoder}: compression as dimension reduction. Each MNIST digit (784
 * pixels) is squeezed through a code of {@code --code} numbers (32; 2 to draw it) and rebuilt from
 * it alone: {@code Flatten → Dense(256, relu) → Dense(code) → Dense(256, relu) → Dense(784, sigmoid)
 * → Reshape(28, 28)}, trained with Adam (1e-3, cosine decay) to reproduce its input under the mean
 * squared error; there are no labels in training. Prints {@code test_mse=} (per pixel, pixels in
 * [0, 1]) on the 10,000 test digits, and writes {@code reconstructions.png} (a test digit of each
 * class over its reconstruction) and {@code codes.png} (the test digits' codes in the plane,
 * coloured by their digit: the code itself when it has two numbers, else its two principal
 * components, see {@link PrincipalComponents}).
 *
 * <p>Options: {@code --code N}, and {@code --data DIR} for a folder of four IDX files named as MNIST's
 * (Fashion-MNIST, one's own images), read without checksums.
 */
public final class Autoencoder implements Recipe {
    /** The units of the hidden layers either side of the code. */
    static final int HIDDEN = 256;
    /** Test digits drawn in the code plot: enough to see the clusters, few enough to see the points. */
    static final int PLOTTED_CODES = 5000;
    private static final int ENCODER_LAYERS = 3;   // Flatten, Dense(hidden), Dense(code)

    private final Options options;
    private Split<ImageDataset> images;

    /** The defaults: a code of 32 numbers, on MNIST. */
    public Autoencoder() {
        this(new Options());
    }

    private Autoencoder(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public String description() {
        return "MNIST digits compressed to a small code and rebuilt (--code 32|2, --data DIR)";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        return new Autoencoder(parsed);
    }

    /** The code's size. */
    public int codeSize() {
        return options.code;
    }

    @Override
    public RecipeData data() {
        Split<ImageDataset> split = images();
        Tensor train = split.train().imageTensor();   // (n, height, width), in [0, 1]
        Tensor test = split.test().imageTensor();
        return new RecipeData(train, train, test, test);   // the target is the input
    }

    @Override
    public Model model(long seed) {
        return model(seed, 28, 28);
    }

    @Override
    public Model model(long seed, RecipeData data) {
        return model(seed, data.trainX().dim(1), data.trainX().dim(2));
    }

    private Model model(long seed, int height, int width) {
        return Sequential.of(Input.of(height, width),
                new Flatten(),
                new Dense(HIDDEN, "relu"),
                Dense.builder().setUnits(options.code).optName("code").build(),
                new Dense(HIDDEN, "relu"),
                new Dense(height * width, "sigmoid"),
                new Reshape(height, width)).seed(seed);
    }

    @Override
    public void compile(Model model) {
        model.compile(new Adam(1e-3f), Losses.meanSquaredError(), mse());
    }

    @Override
    public void compileForTraining(Model model, long totalSteps) {
        Adam adam = new Adam(1e-3f);
        adam.optSchedule(new CosineDecay(1e-3f, totalSteps));
        model.compile(adam, Losses.meanSquaredError(), mse());
    }

    private static MeanMetric mse() {
        return new MeanMetric("mse", (p, t) -> p.sub(t).square());
    }

    @Override
    public int defaultEpochs() {
        return 20;
    }

    @Override
    public int defaultBatchSize() {
        return 128;
    }

    @Override
    public List<String> writeExtraOutputs(Model model, RecipeData data, long seed, Path dir) throws IOException {
        ImageDataset test = images().test();
        int[] examples = firstOfEachClass(test);
        Tensor originals = data.testX().gather(examples);
        ImageGrid.write(List.of(originals, model.predict(originals)), dir.resolve("reconstructions.png"));
        int plotted = Math.min(PLOTTED_CODES, test.count());
        Tensor codes = encode(model, data.testX().slice(0, plotted));
        String axes = options.code == 2 ? "code" : "principal component";
        float[][] plane = options.code == 2 ? rows(codes) : PrincipalComponents.fit(codes, 2).project(codes);
        CodeScatterPlot.write("autoencoder: " + plotted + " test digits in a code of " + options.code
                + (options.code == 2 ? "" : ", first two principal components"), axes + " 1", axes + " 2", plane,
                java.util.Arrays.copyOf(test.labels(), plotted), dir.resolve("codes.png"));
        return List.of("reconstructions.png", "codes.png");
    }

    /** The codes {@code (n, code)} of images {@code (n, height, width)}: the encoder's layers alone. */
    static Tensor encode(Model model, Tensor images) {
        List<Layer> layers = model.layers();
        try (Autograd.Scope noTape = Autograd.noGrad()) {
            Variable x = Variable.constant(images);
            for (int i = 0; i < ENCODER_LAYERS; i++) {
                x = layers.get(i).call(x, false);
            }
            return x.value();
        }
    }

    /** The index of the first image of each class, in class order (classes without one are skipped). */
    static int[] firstOfEachClass(ImageDataset data) {
        int[] first = new int[data.classes()];
        java.util.Arrays.fill(first, -1);
        for (int i = data.count() - 1; i >= 0; i--) {
            first[data.labels()[i]] = i;
        }
        return java.util.Arrays.stream(first).filter(i -> i >= 0).toArray();
    }

    private static float[][] rows(Tensor matrix) {
        float[][] out = new float[matrix.dim(0)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrix.row(i).toArray();
        }
        return out;
    }

    private synchronized Split<ImageDataset> images() {
        if (images == null) {
            images = options.data == null ? ImageDatasets.mnist() : ImageDatasets.fromIdxFolder(options.data);
        }
        return images;
    }

    /** The recipe's own command-line options. */
    static final class Options {
        @Option(names = "--code", converter = Arguments.Count.class, description = "Numbers in the code (default: 32)")
        int code = 32;

        @Option(names = "--data", description = "A folder of four MNIST-style IDX files (default: MNIST)")
        Path data;
    }
}
