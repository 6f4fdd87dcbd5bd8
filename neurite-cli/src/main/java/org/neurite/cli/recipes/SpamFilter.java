package org.neurite.cli.recipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.neurite.cli.mail.Email;
import org.neurite.data.DuplicateCheck;
import org.neurite.data.DuplicateReport;
import org.neurite.data.LabelKind;
import org.neurite.data.LabelMapping;
import org.neurite.data.MailMessage;
import org.neurite.data.SpamAssassin;
import org.neurite.data.Split;
import org.neurite.data.StratifiedSplit;
import org.neurite.data.TextCorpus;
import org.neurite.kernels.Parallel;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import org.neurite.train.ConfusionMatrix;
import org.neurite.train.EarlyStopping;
import org.neurite.train.FitOptions;
import org.neurite.train.RocAuc;

/**
 * {@code neurite train spam}: a spam filter on the SpamAssassin public mail corpus
 * ({@link SpamAssassin}), against a tf-idf logistic-regression baseline trained on the same split.
 *
 * <p>Data: each raw message becomes subject, sender and body text ({@link Email}: MIME parsed with
 * mime4j, HTML reduced to its text with jsoup, charsets decoded with fallbacks). The 6,046 mails are
 * shuffled and split per class with seed {@value #SPLIT_SEED}, {@value #TEST_SHARE} held out; test
 * mails that repeat a training mail exactly or nearly ({@link DuplicateCheck}: Jaccard of 3-word
 * shingles at least 0.8) are then removed from the test part, since a filter that has seen a mail
 * is not tested by it.
 *
 * <p>Network: tf-idf of words and word pairs ({@value #MAX_TOKENS} tokens, adapted on the training
 * part) → Dense(64, relu) → Dropout(0.5) → Dense(1, sigmoid), binary cross-entropy, Adam, early
 * stopping on the validation loss. Baseline: the same tf-idf → Dense(1, sigmoid), that is
 * logistic regression, trained for as many epochs. The report gives precision, recall, F1 of the
 * class spam, the exact ROC-AUC ({@link RocAuc}) and the confusion matrix of both on the test part:
 * {@code test_f1=}, {@code test_auc=}, {@code baseline_f1=}, {@code baseline_auc=}.
 *
 * <p>The model file records {@code input_kind=email}, so that {@code neurite predict --files}
 * parses each file as an e-mail, and the class names {@code ham} and {@code spam}.
 *
 * <pre>{@code
 * neurite train spam
 * neurite predict --model out/spam/model.neurite --files offer.eml note.eml
 * }</pre>
 */
public final class SpamFilter implements Recipe {
    /** The seed of the shuffle and train/test split, fixed so that runs with different model seeds compare. */
    static final long SPLIT_SEED = 42;
    static final double TEST_SHARE = 0.2;
    static final int MAX_TOKENS = 20_000;
    private static final int HIDDEN = 64;
    private static final int PATIENCE = 2;
    private static final int BASELINE_EPOCHS = 8;
    private static final LabelMapping CLASSES = LabelMapping.of(List.of("ham", "spam"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Messages source;
    private Split<TextCorpus> parts;

    /** Where the raw messages come from: the real corpus, or a small one in tests. */
    @FunctionalInterface
    interface Messages {
        List<MailMessage> load();
    }

    public SpamFilter() {
        this(SpamAssassin::messages);
    }

    SpamFilter(Messages source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "spam";
    }

    @Override
    public String description() {
        return "spam filter on the SpamAssassin corpus, with a tf-idf logistic-regression baseline";
    }

    /** The parsed corpus, split and with duplicated test mails removed; read once. */
    Split<TextCorpus> parts() {
        if (parts == null) {
            TextCorpus corpus = corpus(source.load());
            Split<TextCorpus> split = StratifiedSplit.of(corpus, TEST_SHARE, SPLIT_SEED);
            parts = withoutDuplicatedTestMail(split);
        }
        return parts;
    }

    /** The mails as texts in a seeded random order (so that the validation tail mixes both classes). */
    static TextCorpus corpus(List<MailMessage> mail) {
        String[] texts = new String[mail.size()];
        Parallel.forRange(0, texts.length, 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                texts[i] = Email.parse(mail.get(i).bytes()).asText();
            }
        });
        List<Integer> order = new ArrayList<>(IntStream.range(0, texts.length).boxed().toList());
        java.util.Collections.shuffle(order, new Random(SPLIT_SEED));
        List<String> shuffled = new ArrayList<>(texts.length);
        int[] ids = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            shuffled.add(texts[order.get(i)]);
            ids[i] = mail.get(order.get(i)).spam() ? 1 : 0;
        }
        return new TextCorpus(shuffled, LabelKind.BINARY, CLASSES, ids, new float[0], 0, List.of());
    }

    private static Split<TextCorpus> withoutDuplicatedTestMail(Split<TextCorpus> split) {
        DuplicateReport report = DuplicateCheck.between(split.train().texts(), split.test().texts(),
                DuplicateCheck.Options.defaults());
        Set<Integer> duplicated = new HashSet<>();
        report.exact().forEach(pair -> duplicated.add(pair.testIndex()));
        report.near().forEach(pair -> duplicated.add(pair.testIndex()));
        int[] kept = IntStream.range(0, split.test().size()).filter(i -> !duplicated.contains(i)).toArray();
        System.out.printf(Locale.ROOT, "removed %d of %d test mails that repeat training mail (%d exact, %d near)%n",
                duplicated.size(), split.test().size(), report.exact().size(), report.near().size());
        return new Split<>(split.train(), split.test().subset(kept));
    }

    private static TextVectorization vectorizer() {
        return TextVectorization.builder().optMaxTokens(MAX_TOKENS)
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE)
                .optOutputMode(OutputMode.TF_IDF).optNgrams(2).optPadToMaxTokens(true).build();
    }

    @Override
    public RecipeData data() {
        TextCorpus train = parts().train();
        TextCorpus test = parts().test();
        TextVectorization vectorizer = vectorizer();
        vectorizer.adapt(train.texts());
        return RecipeData.sparse(vectorizer.transformSparse(train.texts()), train.labelTensor(),
                vectorizer.transformSparse(test.texts()), test.labelTensor(), vectorizer.state());
    }

    @Override
    public Model model(long seed) {
        return network(seed, vectorizer());
    }

    @Override
    public Model model(long seed, RecipeData data) {
        return network(seed, TextVectorization.fromState(data.vectorizer()));
    }

    private static Model network(long seed, TextVectorization vectorizer) {
        return Sequential.of(Input.ofStrings(), vectorizer, new Dense(HIDDEN, "relu"), new Dropout(0.5f),
                new Dense(1, "sigmoid")).seed(seed);
    }

    /** Logistic regression on the same tf-idf features: one sigmoid unit. */
    static Model baseline(long seed, RecipeData data) {
        return Sequential.of(Input.ofStrings(), TextVectorization.fromState(data.vectorizer()),
                new Dense(1, "sigmoid")).seed(seed);
    }

    @Override
    public void compile(Model model) {
        model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
    }

    @Override
    public void configureFit(FitOptions.Builder fit) {
        fit.callbacks(new EarlyStopping("val_loss", PATIENCE).optRestoreBestWeights(true));
    }

    @Override
    public boolean reportsConfusionMatrix() {
        return true;
    }

    @Override
    public int defaultEpochs() {
        return 10;
    }

    @Override
    public int defaultBatchSize() {
        return 64;
    }

    /** The class names and {@code input_kind=email}, which tells {@code neurite predict} to parse files as mail. */
    @Override
    public Map<String, String> modelMetadata() {
        try {
            return Map.of("label_mapping", JSON.writeValueAsString(CLASSES.toJson()), "input_kind", "email");
        } catch (IOException e) {
            throw new IllegalStateException("class names could not be written as JSON", e);
        }
    }

    @Override
    public Optional<LabelledTexts> testTexts() {
        return Optional.of(new LabelledTexts(parts().test().texts(), parts().test().labelTensor()));
    }

    /** The parsed training mails in their shuffled order, with 1 for spam. */
    @Override
    public Optional<LabelledTexts> trainTexts() {
        return Optional.of(new LabelledTexts(parts().train().texts(), parts().train().labelTensor()));
    }

    /** {@code test_auc=}, then the baseline trained on the same split and its scores. */
    @Override
    public void reportAfterTest(Model model, RecipeData data, long seed) {
        LabelledTexts test = testTexts().orElseThrow();
        System.out.printf(Locale.ROOT, "test_auc=%.4f%n", RocAuc.binary(model.predict(test.texts()).toArray(), labels(test)));
        Model baseline = baseline(seed, data);
        compile(baseline);
        long start = System.nanoTime();
        baseline.fit(data.sparseTrainX(), data.trainY(), FitOptions.builder().epochs(BASELINE_EPOCHS)
                .batchSize(defaultBatchSize()).build());
        System.out.printf(Locale.ROOT, "baseline (tf-idf logistic regression, %d epochs) trained in %.1f s%n",
                BASELINE_EPOCHS, (System.nanoTime() - start) / 1e9);
        printScores("baseline", baseline.predict(test.texts()), test);
    }

    /** Precision, recall and F1 of spam, ROC-AUC and the confusion matrix, as {@code PREFIX_metric=} lines. */
    static void printScores(String prefix, Tensor probabilities, LabelledTexts test) {
        ConfusionMatrix matrix = new ConfusionMatrix(2);
        matrix.update(probabilities, test.labels());
        System.out.printf(Locale.ROOT, "%s_precision=%.4f%n%s_recall=%.4f%n%s_f1=%.4f%n%s_auc=%.4f%n%n%s%n",
                prefix, matrix.precision(1), prefix, matrix.recall(1), prefix, matrix.f1(1), prefix,
                RocAuc.binary(probabilities.toArray(), labels(test)), matrix);
    }

    private static int[] labels(LabelledTexts test) {
        float[] values = test.labels().toArray();
        return IntStream.range(0, values.length).map(i -> values[i] != 0 ? 1 : 0).toArray();
    }
}
