package org.neurite.cli.recipes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neurite.cli.Version;
import org.neurite.cli.report.ClassificationReport;
import org.neurite.cli.report.LabelThresholds;
import org.neurite.cli.report.MultiLabelReport;
import org.neurite.cli.report.RegressionReport;
import org.neurite.data.DuplicateReport;
import org.neurite.data.LabelKind;
import org.neurite.data.Split;
import org.neurite.data.TextCorpus;
import org.neurite.train.ClassWeights;

/**
 * {@code model-card.md}, written beside a text classifier: what it was trained on (the file and
 * its SHA-256, the columns, the classes and their balance, the split), how (network,
 * hyper-parameters, seed, class weights, library version), how well (the test report and any
 * cross-validation), and whether the test texts leak from training (the duplicate check). In the
 * spirit of Mitchell et al.'s "Model Cards for Model Reporting", reduced to what the run knows.
 */
final class ModelCard {
    private final TextClassifierOptions options;
    private final Split<TextCorpus> parts;
    private final DuplicateReport duplicates;
    private final Optional<Map<Integer, Float>> classWeights;
    private final TrainingRun run;
    private final ModelTargets targets;
    private final Results results;

    /**
     * A test report as the card shows it.
     *
     * @param metrics the summary numbers by name
     * @param tables the report's tables as plain text (per class or label, the confusion matrix)
     * @param mistakes the most confident mistakes (one class per text only)
     * @param confusionMatrixPng whether {@code confusion_matrix.png} was written
     */
    record Results(Map<String, Double> metrics, String tables, List<ClassificationReport.Mistake> mistakes,
            boolean confusionMatrixPng) {
        static Results of(ClassificationReport report) {
            return new Results(report.metrics(), report.perClassTable() + "\n" + report.matrixTable(),
                    report.mistakes(), true);
        }

        static Results of(MultiLabelReport report) {
            return new Results(report.metrics(), report.perLabelTable(), List.of(), false);
        }

        static Results of(RegressionReport report) {
            return new Results(report.metrics(), "", List.of(), false);
        }
    }

    ModelCard(TextClassifierOptions options, Split<TextCorpus> parts, DuplicateReport duplicates,
            Optional<Map<Integer, Float>> classWeights, TrainingRun run, ModelTargets targets, Results results) {
        this.options = options;
        this.parts = parts;
        this.duplicates = duplicates;
        this.classWeights = classWeights;
        this.run = run;
        this.targets = targets;
        this.results = results;
    }

    void write(Path file) throws IOException {
        StringBuilder md = new StringBuilder("# Model card: text-classifier (" + options.model.label() + ")\n\n");
        data(md);
        labels(md);
        model(md);
        results(md);
        leakage(md);
        Files.writeString(file, md);
    }

    private void data(StringBuilder md) throws IOException {
        md.append("## Data\n\n");
        md.append("- source: `").append(options.data.getFileName()).append("`, SHA-256 `")
                .append(FileChecksum.sha256(options.data)).append("`\n");
        if (!options.corpus().isFolder()) {
            md.append("- text column(s): `").append(options.text).append("`; label column(s): `").append(options.label)
                    .append("`").append(options.separator == null ? "" : ", labels separated by `" + options.separator
                            + "`").append("\n");
        } else {
            md.append("- layout: one sub-folder of `.txt` files per class\n");
        }
        md.append(String.format(Locale.ROOT, "- texts: %,d for training, %,d for testing; bad rows skipped: %,d%n",
                parts.train().size(), parts.test().size(), parts.train().skippedRows()));
        if (options.test != null) {
            md.append("- split: the test file `").append(options.test.getFileName()).append("`, SHA-256 `")
                    .append(FileChecksum.sha256(options.test)).append("`\n");
        } else {
            md.append(targets.kind() == LabelKind.BINARY || targets.kind() == LabelKind.MULTI_CLASS
                    ? String.format(Locale.ROOT, "- split: stratified, %.0f%% of each class held out for testing,"
                            + " seed %d%n", 100 * options.testSplit, TextClassifier.SPLIT_SEED)
                    : String.format(Locale.ROOT, "- split: random, %.0f%% of the texts held out for testing, seed %d"
                            + " (stratifying needs one class per text)%n", 100 * options.testSplit,
                            TextClassifier.SPLIT_SEED));
        }
        md.append(String.format(Locale.ROOT, "- validation: the last %.0f%% of the shuffled training texts (seed %d),"
                + " for early stopping%n%n", 100 * run.validationSplit(), TextClassifier.SPLIT_SEED));
    }

    private void labels(StringBuilder md) {
        md.append("## Labels\n\n- kind: ").append(targets.kindName()).append("\n\n");
        switch (targets.kind()) {
            case MULTI_LABEL -> multiLabels(md);
            case REGRESSION -> regressionTargets(md);
            default -> classes(md);
        }
    }

    private void multiLabels(StringBuilder md) {
        List<String> labels = targets.classes().classes();
        md.append("| id | label | training texts | share | test texts | threshold |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (int c = 0; c < labels.size(); c++) {
            long train = count(parts.train(), c);
            md.append(String.format(Locale.ROOT, "| %d | %s | %,d | %.1f%% | %,d | %.3f |%n", c, cell(labels.get(c)),
                    train, 100.0 * train / parts.train().size(), count(parts.test(), c), targets.thresholds()[c]));
        }
        md.append("\nEach label has its own sigmoid output; a text gets the label when its probability reaches the"
                + " threshold, chosen where the label's F1 is best on the validation texts (")
                .append(LabelThresholds.DEFAULT).append(" for a label without positives there). Predictions join"
                + " labels with `").append(targets.separator()).append("`. No class weights: a text has no single"
                + " class to weight.\n\n");
    }

    /** How many texts of {@code corpus} have label {@code label}. */
    private static long count(TextCorpus corpus, int label) {
        int k = corpus.classes().size();
        long n = 0;
        for (int i = 0; i < corpus.size(); i++) {
            n += corpus.targets()[i * k + label] > 0.5f ? 1 : 0;
        }
        return n;
    }

    private void regressionTargets(StringBuilder md) {
        md.append("| part | texts | mean | standard deviation | min | max |\n| --- | --- | --- | --- | --- | --- |\n");
        row(md, "training", targets.target());
        row(md, "test", TargetStatistics.of(parts.test().targets()));
        md.append("\nThe baseline predicts the training mean for every text. No class weights.\n\n");
    }

    private static void row(StringBuilder md, String part, TargetStatistics s) {
        md.append(String.format(Locale.ROOT, "| %s | %,d | %.4f | %.4f | %.4f | %.4f |%n", part, s.count(), s.mean(),
                s.std(), s.min(), s.max()));
    }

    private void classes(StringBuilder md) {
        List<String> classes = parts.train().classes().classes();
        long[] train = ClassWeights.counts(parts.train().classIds(), classes.size());
        long[] test = ClassWeights.counts(parts.test().classIds(), classes.size());
        md.append("| id | class | training texts | share | test texts | class weight |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (int c = 0; c < classes.size(); c++) {
            Integer id = c;
            String weight = classWeights.map(w -> String.format(Locale.ROOT, "%.3f", w.getOrDefault(id, 1f)))
                    .orElse("1");
            md.append(String.format(Locale.ROOT, "| %d | %s | %,d | %.1f%% | %,d | %s |%n", c, cell(classes.get(c)),
                    train[c], 100.0 * train[c] / parts.train().size(), test[c], weight));
        }
        md.append('\n').append(classWeights.isPresent()
                ? String.format(Locale.ROOT, "Classes are imbalanced (largest over %.1f times the smallest), so each is"
                        + " weighted in the loss by texts / (classes x its count).%n%n", TextClassifier.IMBALANCE_RATIO)
                : options.noClassWeights ? "Class weights were turned off (`--no-class-weights`).\n\n"
                : "Classes are balanced enough to train without class weights.\n\n");
    }

    private void model(StringBuilder md) {
        int classes = targets.classes().size();
        String output = switch (targets.kind()) {
            case BINARY -> "Dense(1, sigmoid)";
            case MULTI_LABEL -> "Dense(" + classes + ", sigmoid)";
            case REGRESSION -> "Dense(1), linear";
            default -> "Dense(" + classes + ", softmax)";
        };
        String loss = switch (targets.kind()) {
            case BINARY, MULTI_LABEL -> "binary cross-entropy";
            case REGRESSION -> "mean squared error";
            default -> "sparse categorical cross-entropy";
        };
        boolean accuracy = targets.kind() == LabelKind.BINARY || targets.kind() == LabelKind.MULTI_CLASS;
        md.append("## Model and training\n\n");
        md.append("- network: `").append(options.model.label()).append("` (").append(TextNetworks.describe(options.model,
                options.units)).append("), output ").append(output).append('\n');
        md.append("- loss: ").append(loss).append("; optimizer: Adam (learning rate 0.001")
                .append(options.model == TextNetworks.Kind.BOW ? "" : ", cosine decay to 0 over the planned epochs")
                .append(")\n");
        md.append(String.format(Locale.ROOT, "- epochs: %d asked, %d run (early stopping on %s, patience %d,"
                + " best weights restored); batch size %d%n", run.epochs(), run.epochsRun(),
                accuracy ? options.monitor : "val_loss", options.patience, run.batchSize()));
        md.append(String.format(Locale.ROOT, "- seed: %d (weights, shuffling, dropout); training took %.1f s%n",
                run.seed(), run.seconds()));
        md.append("- library: neurite ").append(Version.number()).append(", Java ").append(Runtime.version())
                .append("\n\n");
    }

    private void results(StringBuilder md) {
        md.append("## Test report\n\n| metric | value |\n| --- | --- |\n");
        results.metrics().forEach((name, value) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", name, value)));
        if (!results.tables().isEmpty()) {
            md.append("\n```\n").append(results.tables()).append("```\n");
        }
        md.append('\n');
        if (results.confusionMatrixPng()) {
            md.append("The confusion matrix is drawn in `confusion_matrix.png` (rows: true class, columns: predicted).\n\n");
        }
        if (!results.mistakes().isEmpty()) {
            md.append("Most confident mistakes:\n\n| true | predicted | probability | text |\n| --- | --- | --- | --- |\n");
            for (ClassificationReport.Mistake m : results.mistakes()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s |%n", cell(m.trueClass()),
                        cell(m.predictedClass()), m.confidence(), cell(ClassificationReport.shown(m.text()))));
            }
            md.append('\n');
        }
        if (!run.folds().isEmpty()) {
            md.append(String.format(Locale.ROOT, "### Cross-validation (%d %s folds of the training texts)%n%n",
                    run.folds().size(), targets.kind() == LabelKind.BINARY || targets.kind() == LabelKind.MULTI_CLASS
                            ? "stratified" : "random"));
            md.append("| metric | mean | standard deviation | folds |\n| --- | --- | --- | --- |\n");
            for (String name : run.folds().getFirst().keySet()) {
                double[] values = run.folds().stream().mapToDouble(m -> m.get(name)).toArray();
                md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s |%n", name,
                        org.neurite.cli.train.FoldStatistics.mean(values),
                        org.neurite.cli.train.FoldStatistics.standardDeviation(values),
                        java.util.Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v))
                                .reduce((a, b) -> a + ", " + b).orElse("")));
            }
            md.append('\n');
        }
    }

    private void leakage(StringBuilder md) {
        md.append("## Leakage check\n\n");
        md.append(duplicates.isEmpty() ? "No test text repeats a training text, exactly or nearly: "
                : "Test texts that repeat training texts inflate the test scores. ").append(duplicates.summary())
                .append(".\n");
    }

    /** A value safe inside a Markdown table cell. */
    private static String cell(String value) {
        return value.replace("|", "\\|").replace("\n", " ");
    }
}
