package org.neurite.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.io.ForeignModelFormat;
import org.neurite.io.ForeignModelFormats;
import org.neurite.io.LoadedModel;
import org.neurite.io.ModelFile;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.Rng;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;
import org.neurite.text.TextVectorization;
import org.neurite.train.ConfusionMatrix;
import org.neurite.train.FitOptions;
import org.neurite.train.History;
import org.neurite.train.Loss;
import org.neurite.train.Losses;
import org.neurite.train.Metric;
import org.neurite.train.Metrics;
import org.neurite.train.Optimizer;
import org.neurite.train.Optimizers;
import org.neurite.train.Trainer;

/**
 * A model as a Keras user knows it ({@code keras.Model}): one object that is built from layers,
 * compiled, trained, evaluated, asked for predictions and saved. Inside it are a network of layers
 * ({@link #network()}, from {@code org.neurite.nn}), the training loop it was compiled with
 * ({@code org.neurite.train}) and, for a model that reads raw texts, the {@link TextVectorization}
 * that turns them into the network's inputs.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.of(784);
 * SymbolicTensor hidden = new Dense(64, "relu").apply(in);
 * Model model = new Model(in, new Dense(10, "softmax").apply(hidden));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * History history = model.fit(x, y, FitOptions.builder().epochs(5).validationSplit(0.1f).build());
 * Map<String, Double> test = model.evaluate(xTest, yTest);      // batch size 32, as Keras
 * Tensor probabilities = model.predict(xTest);
 * model.save(Path.of("model.neurite"));
 * Model again = Model.load(Path.of("model.neurite"));           // Keras' load_model
 * }</pre>
 *
 * <p>A model whose input is {@link org.neurite.nn.Input#ofStrings} and whose first layer is a
 * {@link TextVectorization} takes lists of texts in {@code fit}, {@code evaluate} and
 * {@code predict}, and its file holds the vectorizer:
 *
 * <pre>{@code
 * Sequential reviews = Sequential.of(Input.ofStrings(), vectorizer,
 *         new Embedding(20_000, 64), new LSTM(32), new Dense(1, "sigmoid"));
 * reviews.compile("adam", "binary_crossentropy", "accuracy");
 * reviews.fit(texts, labels, FitOptions.builder().epochs(3).build());
 * Tensor p = reviews.predict(List.of("I loved this movie"));    // (1, 1): P(positive)
 * }</pre>
 *
 * <p>Sizes are checked as early as Keras checks them: a loss that cannot fit an output is refused by
 * {@code compile}, data whose sample counts differ by {@code fit}, texts given to a model without
 * a vectorizer by {@code predict}; each error names the model, layer, output or file and says what
 * was expected and what was found.
 */
public class Model {
    /** Keras' batch size when {@code evaluate} or {@code predict} is given none. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Raw texts vectorized at a time by {@link #predict(List)}. */
    private static final int TEXTS_PER_CHUNK = 4096;

    private Network network;
    private TextVectorization vectorizer;
    private Trainer trainer;
    private Map<String, String> metadata = Map.of();

    /** Keras' {@code keras.Model(inputs, outputs)}: the graph between one input and one output. */
    public Model(SymbolicTensor input, SymbolicTensor output) {
        this(List.of(input), List.of(output));
    }

    /** Keras' {@code keras.Model(inputs, outputs)} with several inputs or outputs, in this order. */
    public Model(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        TextInputs graph = TextInputs.split(inputs, outputs);
        use(Network.functional(graph.inputs(), graph.outputs()), graph.vectorizer());
    }

    /** For {@link Sequential}, which sets its network as layers are added. */
    Model() {
    }

    /**
     * A model around an existing network and, when not null, the vectorizer that turns texts into
     * its inputs.
     */
    public static Model of(Network network, TextVectorization vectorizer) {
        Model model = network instanceof SequentialNetwork ? new Sequential(network) : new Model();
        model.use(network, vectorizer);
        return model;
    }

    /** A model around an existing network that takes tensors. */
    public static Model of(Network network) {
        return of(network, null);
    }

    /** Sets the network (and vectorizer), building the vectorizer so that it can be summarised. */
    final void use(Network newNetwork, TextVectorization newVectorizer) {
        this.network = newNetwork;
        this.vectorizer = newVectorizer;
        if (newVectorizer != null && !newVectorizer.isBuilt()) {
            newVectorizer.build(List.of(new int[] {1}), new Rng(0));
        }
    }

    // ------------------------------------------------------------------------------ structure

    /** The network of layers that computes on tensors (everything after the text vectorization). */
    public Network network() {
        if (network == null) {
            throw new IllegalStateException("model has no layers yet; add some first");
        }
        return network;
    }

    /** The vectorizer that turns texts into the network's inputs, when the model reads texts. */
    public Optional<TextVectorization> vectorizer() {
        return Optional.ofNullable(vectorizer);
    }

    /** The model's name ({@code sequential}, {@code functional}, or the name it was saved under). */
    public String name() {
        return network().name();
    }

    /** The layers in the order they compute, the text vectorization first when there is one. */
    public List<Layer> layers() {
        List<Layer> layers = new ArrayList<>();
        if (vectorizer != null) {
            layers.add(vectorizer);
        }
        layers.addAll(network().layers());
        return layers;
    }

    /** The layer called {@code name}: Keras' {@code get_layer}. */
    public Layer getLayer(String name) {
        return layers().stream().filter(l -> name.equals(l.name())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("model '" + name() + "' has no layer '" + name + "'; it has "
                        + layers().stream().map(Layer::name).toList()));
    }

    /** Sets the seed from which weights and dropout masks are drawn, before the weights exist; returns this. */
    public Model seed(long seed) {
        network().seed(seed);
        return this;
    }

    public long seed() {
        return network().seed();
    }

    /** Creates every layer's weights, if not done yet (Keras' {@code build}); returns this. */
    public Model build() {
        network().build();
        return this;
    }

    /** Every weight by its dotted path ({@code dense_1.kernel}), building the model first if need be. */
    public Map<String, Parameter> parametersByPath() {
        return network().parametersByPath();
    }

    /** The number of weights, building the model first if need be: Keras' {@code count_params}. */
    public long countParams() {
        return network().countParams();
    }

    /** Copies of all weights' values: Keras' {@code get_weights}. */
    public List<Tensor> getWeights() {
        network().build();
        return network().getWeights();
    }

    /** Overwrites all weights' values, in {@link #getWeights} order: Keras' {@code set_weights}. */
    public void setWeights(List<Tensor> weights) {
        network().build();
        network().setWeights(weights);
    }

    /** The model in Keras' {@code summary()} layout, the text vectorization first when there is one. */
    public String summary() {
        return vectorizer == null ? network().summary() : network().summary(vectorizer);
    }

    // ------------------------------------------------------------------------------ compile

    /**
     * Keras' {@code compile(optimizer="adam", loss="...", metrics=["accuracy"])}: everything by its
     * Keras name. A model with several outputs uses the loss for each.
     *
     * @throws IllegalArgumentException for an unknown word (listing the known ones) or a loss that does
     *     not fit an output's shape (naming the output)
     */
    public Model compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizers.byName(optimizer), Losses.byName(loss), metricsByName(metrics));
    }

    /** {@code compile} with a configured optimizer ({@code new Adam(3e-4f)}) and words for the rest. */
    public Model compile(Optimizer optimizer, String loss, String... metrics) {
        return compile(optimizer, Losses.byName(loss), metricsByName(metrics));
    }

    /** {@code compile} with an optimizer by name and a configured loss ({@code Losses.binaryCrossentropy(true)}). */
    public Model compile(String optimizer, Loss loss, Metric... metrics) {
        return compile(Optimizers.byName(optimizer), loss, metrics);
    }

    /** {@code compile} with typed objects; a model with several outputs uses the loss for each. */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        this.trainer = Trainer.compile(network(), optimizer, loss, metrics);
        return this;
    }

    /** Keras' {@code compile(loss=[...])}: one loss per output, in the model's output order. */
    public Model compile(Optimizer optimizer, List<Loss> losses, Metric... metrics) {
        this.trainer = Trainer.compile(network(), optimizer, losses, metrics);
        return this;
    }

    /**
     * Keras' {@code compile(optimizer, loss={...}, loss_weights={...}, metrics={...})} for a model with
     * several outputs, each keyed by output name ({@code network().outputNames()}): every output needs
     * a loss; an output without a loss weight weighs 1, one without metrics has none. Metrics are
     * logged as {@code <output>_<metric>} and losses as {@code <output>_loss}, as Keras logs them.
     *
     * <pre>{@code
     * model.compile("adam", Map.of("class", "sparse_categorical_crossentropy", "value", "mse"),
     *         Map.of("class", 1f, "value", 0.5f), Map.of("class", List.of("accuracy")));
     * }</pre>
     *
     * @param lossWeights null or empty for 1 each
     * @param metrics     null or empty for none
     * @throws IllegalArgumentException naming an output the model does not have, or one without a loss
     */
    public Model compile(String optimizer, Map<String, String> losses, Map<String, Float> lossWeights,
                         Map<String, List<String>> metrics) {
        List<String> names = network().outputNames();
        checkOutputNames("loss", losses.keySet(), names);
        checkOutputNames("loss_weights", lossWeights == null ? Set.of() : lossWeights.keySet(), names);
        checkOutputNames("metrics", metrics == null ? Set.of() : metrics.keySet(), names);
        List<Loss> perOutputLoss = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        List<List<Metric>> perOutputMetrics = new ArrayList<>();
        for (String name : names) {
            String loss = losses.get(name);
            if (loss == null) {
                throw new IllegalArgumentException("compile: output '" + name + "' of model '" + name()
                        + "' has no loss; losses were given for " + losses.keySet());
            }
            perOutputLoss.add(Losses.byName(loss));
            weights.add(lossWeights == null ? 1f : lossWeights.getOrDefault(name, 1f));
            List<String> words = metrics == null ? List.of() : metrics.getOrDefault(name, List.of());
            perOutputMetrics.add(List.of(metricsByName(words.toArray(new String[0]))));
        }
        return compile(Optimizers.byName(optimizer), perOutputLoss, weights, perOutputMetrics);
    }

    /**
     * Keras' {@code compile(optimizer, loss=[...], loss_weights=[...], metrics=[[...], ...])}: per
     * output, in the model's output order, its loss, its weight in the total loss ({@code lossWeights}
     * null for 1 each) and its metrics (an empty list for none).
     */
    public Model compile(Optimizer optimizer, List<Loss> losses, List<Float> lossWeights,
                         List<List<Metric>> metrics) {
        this.trainer = Trainer.compile(network(), optimizer, losses, lossWeights, metrics);
        return this;
    }

    private void checkOutputNames(String argument, Set<String> given, List<String> names) {
        for (String name : given) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("compile: " + argument + " names output '" + name + "'; model '"
                        + name() + "' has outputs " + names);
            }
        }
    }

    private static Metric[] metricsByName(String... names) {
        return Arrays.stream(names).map(Metrics::byName).toArray(Metric[]::new);
    }

    /** The optimizer the model was compiled with. */
    public Optimizer optimizer() {
        return trainer("optimizer").optimizer();
    }

    /**
     * The training loop behind {@code fit}, {@code evaluate} and {@code predict}: what callbacks
     * receive, and the place for tools that inspect training ({@code checkGradients}).
     */
    public Trainer trainer() {
        return trainer("trainer");
    }

    private Trainer trainer(String op) {
        if (trainer == null) {
            throw new IllegalStateException(op + ": model '" + name() + "' is not compiled; call compile(optimizer,"
                    + " loss, metrics...) first");
        }
        return trainer;
    }

    // ------------------------------------------------------------------------------ fit

    /** Keras' {@code fit(x, y)}: one epoch in batches of 32, shuffled. */
    public History fit(Tensor x, Tensor y) {
        return fit(x, y, FitOptions.builder().build());
    }

    /** Keras' {@code fit(x, y, batch_size=.., epochs=.., validation_split=.., callbacks=..)}. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return trainer("fit").fit(x, y, withVectorizedValidation(options));
    }

    /** Options whose validation texts, if any, are replaced by their vectors. */
    private FitOptions withVectorizedValidation(FitOptions options) {
        if (options.validationTexts() == null) {
            return options;
        }
        return options.withValidationData(vectorize("fit", options.validationTexts()), options.validationY());
    }

    /**
     * Trains on sparse feature rows (such as {@code TextVectorization.transformSparse}'s tf-idf rows),
     * each batch made dense only while it is used.
     */
    public History fit(SparseRows x, Tensor y, FitOptions options) {
        return trainer("fit").fit(x, y, withVectorizedValidation(options));
    }

    /** Trains a model that reads texts on raw texts, one label row per text. */
    public History fit(List<String> texts, Tensor y, FitOptions options) {
        return fit(vectorize("fit", texts), y, options);
    }

    /** Trains a model with several inputs or outputs: one tensor per input and per output, in the model's order. */
    public History fit(List<Tensor> xs, List<Tensor> ys, FitOptions options) {
        return trainer("fit").fit(xs, ys, options);
    }

    /** Keras' {@code train_on_batch}: one optimizer step on exactly these samples; returns the logs. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        return trainer("trainOnBatch").trainOnBatch(x, y);
    }

    /** {@link #trainOnBatch(Tensor, Tensor)} on raw texts. */
    public Map<String, Double> trainOnBatch(List<String> texts, Tensor y) {
        return trainOnBatch(vectorize("trainOnBatch", texts), y);
    }

    /** {@link #trainOnBatch(Tensor, Tensor)} for a model with several inputs or outputs. */
    public Map<String, Double> trainOnBatch(List<Tensor> xs, List<Tensor> ys) {
        return trainer("trainOnBatch").trainOnBatch(xs, ys);
    }

    // ------------------------------------------------------------------------------ evaluate, predict

    /** Keras' {@code evaluate(x, y, return_dict=True)} in batches of 32: the loss and each metric. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, DEFAULT_BATCH_SIZE);
    }

    /** {@link #evaluate(Tensor, Tensor)} in batches of {@code batchSize} (the results do not depend on it). */
    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        return trainer("evaluate").evaluate(x, y, batchSize);
    }

    /** {@link #evaluate(Tensor, Tensor, int)} on sparse feature rows. */
    public Map<String, Double> evaluate(SparseRows x, Tensor y, int batchSize) {
        return trainer("evaluate").evaluate(x, y, batchSize);
    }

    /** {@link #evaluate(Tensor, Tensor)} on raw texts. */
    public Map<String, Double> evaluate(List<String> texts, Tensor y) {
        return evaluate(vectorize("evaluate", texts), y);
    }

    /** {@link #evaluate(Tensor, Tensor)} for a model with several inputs or outputs. */
    public Map<String, Double> evaluate(List<Tensor> xs, List<Tensor> ys) {
        return trainer("evaluate").evaluate(xs, ys, DEFAULT_BATCH_SIZE);
    }

    /** Keras' {@code predict(x)}: the output for each sample, in batches of 32, with no tape. */
    public Tensor predict(Tensor x) {
        return predict(x, DEFAULT_BATCH_SIZE);
    }

    /** {@link #predict(Tensor)} in batches of {@code batchSize} (the results do not depend on it). */
    public Tensor predict(Tensor x, int batchSize) {
        // A compiled model predicts through its training loop, which reuses buffers between batches.
        return trainer != null ? trainer.predict(x, batchSize) : network().predict(x, batchSize);
    }

    /**
     * The output for each raw text: {@code model.predict(List.of("I loved this movie"))}. Texts are
     * vectorized {@value #TEXTS_PER_CHUNK} at a time, so that a large corpus never holds all its
     * vectors (a tf-idf row of 20,000 entries per text) at once.
     */
    public Tensor predict(List<String> texts) {
        if (texts.size() <= TEXTS_PER_CHUNK) {
            return predict(vectorize("predict", texts));
        }
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < texts.size(); start += TEXTS_PER_CHUNK) {
            parts.add(predict(vectorize("predict", texts.subList(start, Math.min(texts.size(),
                    start + TEXTS_PER_CHUNK)))));
        }
        return Tensor.concat(0, parts.toArray(new Tensor[0]));
    }

    /** Every output for these inputs (one tensor per input), in batches of 32: Keras' {@code predict([xa, xb])}. */
    public List<Tensor> predictAll(List<Tensor> xs) {
        if (trainer != null) {
            return trainer.predict(xs, DEFAULT_BATCH_SIZE);
        }
        network().build();
        int n = xs.get(0).dim(0);
        List<List<Tensor>> parts = new ArrayList<>();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int start = 0; start < n; start += DEFAULT_BATCH_SIZE) {
                int from = start;
                int to = Math.min(n, start + DEFAULT_BATCH_SIZE);
                List<Variable> batch = xs.stream().map(x -> Variable.constant(x.slice(from, to))).toList();
                parts.add(network().callAll(batch, false).stream().map(Variable::value).toList());
            }
        }
        List<Tensor> outputs = new ArrayList<>();
        for (int o = 0; o < parts.get(0).size(); o++) {
            int output = o;
            outputs.add(Tensor.concat(0, parts.stream().map(p -> p.get(output)).toArray(Tensor[]::new)));
        }
        return outputs;
    }

    /**
     * The confusion matrix of the predictions for {@code x} against {@code y}: the table behind the
     * accuracy (rows: true class, columns: predicted class).
     */
    public ConfusionMatrix confusionMatrix(Tensor x, Tensor y) {
        return trainer("confusionMatrix").confusionMatrix(x, y, DEFAULT_BATCH_SIZE);
    }

    /** {@link #confusionMatrix(Tensor, Tensor)} on sparse feature rows. */
    public ConfusionMatrix confusionMatrix(SparseRows x, Tensor y) {
        return trainer("confusionMatrix").confusionMatrix(x, y, DEFAULT_BATCH_SIZE);
    }

    /** {@link #confusionMatrix(Tensor, Tensor)} on raw texts. */
    public ConfusionMatrix confusionMatrix(List<String> texts, Tensor y) {
        return confusionMatrix(vectorize("confusionMatrix", texts), y);
    }

    /** The network's inputs for raw texts; refuses texts when the model has no vectorizer. */
    private Tensor vectorize(String op, List<String> texts) {
        if (vectorizer == null) {
            throw new IllegalArgumentException(op + ": model '" + name() + "' takes tensors of shape "
                    + shapes() + ", got " + texts.size() + " texts; only a model whose first layer is a"
                    + " TextVectorization (Input.ofStrings()) reads texts");
        }
        return vectorizer.transform(texts);
    }

    private String shapes() {
        return network().inputShapes().stream().map(s -> {
            StringBuilder sb = new StringBuilder("(None");
            for (int d : s) {
                sb.append(", ").append(d < 0 ? "None" : Integer.toString(d));
            }
            return sb.append(')').toString();
        }).toList().toString().replaceAll("^\\[|\\]$", "");
    }

    // ------------------------------------------------------------------------------ files

    /**
     * Saves the model to one file: architecture, weights, seed, the optimizer's state once compiled
     * and, for a model that reads texts, its vectorizer (configuration, vocabulary, idf weights).
     * Keras' {@code model.save}. The write is
     * atomic: a failed save leaves any previous file as it was.
     *
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        save(file, Map.of());
    }

    /** {@link #save(Path)} to the file at {@code path}: {@code model.save("mnist.neurite")}. */
    public void save(String path) throws IOException {
        save(Path.of(path));
    }

    /**
     * {@link #save(Path)} with key-value metadata ({@code recipe}, the training data's checksum), read
     * back by {@link #metadata()}. A file named {@code .keras} is written by the Keras module
     * (neurite-keras, found through {@link org.neurite.io.ForeignModelFormat}) for Keras'
     * {@code load_model}: the network alone, without metadata or optimizer state; a model with a
     * vectorizer is refused there, since the archive would not hold it.
     *
     * @throws org.neurite.io.ModelFileException for a {@code .keras} file when neurite-keras is not on
     *     the class path, naming the module to add
     */
    public void save(Path file, Map<String, String> newMetadata) throws IOException {
        Optional<ForeignModelFormat> foreign = ForeignModelFormats.forWriting(file);
        if (foreign.isPresent()) {
            if (vectorizer != null) {
                throw new IllegalArgumentException(file + ": this model reads texts through its vectorizer, which a "
                        + foreign.get().name() + " file would not hold; save it as a .neurite file, or export the"
                        + " network that reads token ids alone");
            }
            foreign.get().save(network(), file);
            return;
        }
        ModelFile.save(network(), trainer == null ? null : trainer.optimizer(), newMetadata,
                vectorizer == null ? null : vectorizer.state(), file);
    }

    /**
     * Loads a model saved by {@link #save} (or by {@code ModelFile.save}, including files of earlier
     * versions): Keras' {@code keras.models.load_model}. The model comes back built with its weights,
     * seed, metadata and vectorizer, not compiled, so the optimizer state a file may hold is checked
     * but not decoded ({@link ModelFile#loadForPrediction}; {@link ModelFile#load} gives it, to resume
     * training). Keras' {@code .keras} and {@code .h5} files are
     * read too when the module neurite-keras is on the class path (it provides the
     * {@link org.neurite.io.ForeignModelFormat}); without it, loading one says which module to add.
     *
     * <pre>{@code
     * Model mnist = Model.load("mnist.neurite");
     * Model fromKeras = Model.load("imdb_lstm.keras");   // with neurite-keras on the class path
     * }</pre>
     *
     * @throws org.neurite.io.ModelFileException if the file is not a Neurite model file or fails its
     *     checks; the message names the file, what was expected and what was found
     * @throws IOException if the file cannot be read
     */
    public static Model load(Path file) throws IOException {
        Optional<ForeignModelFormat> foreign = ForeignModelFormats.forReading(file);
        LoadedModel loaded = foreign.isPresent() ? foreign.get().load(file) : ModelFile.loadForPrediction(file);
        TextVectorization vectorizer = loaded.vectorizer().map(TextVectorization::fromState).orElse(null);
        Model model = of(loaded.model(), vectorizer);
        model.metadata = loaded.metadata();
        return model;
    }

    /** {@link #load(Path)} from the file at {@code path}: {@code Model.load("mnist.neurite")}. */
    public static Model load(String path) throws IOException {
        return load(Path.of(path));
    }

    /** The metadata the model was loaded with (empty for a model built in this run). */
    public Map<String, String> metadata() {
        return metadata;
    }
}
