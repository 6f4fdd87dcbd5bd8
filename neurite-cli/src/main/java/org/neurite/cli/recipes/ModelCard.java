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
import org.neurite.data.DuplicateReport;
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
    private final TextClassifier.Options options;
    private final Split<TextCorpus> parts;
    private final DuplicateReport duplicates;
    private final Optional<Map<Integer, Float>> classWeights;
    private final TrainingRun run;
    private final ClassificationReport report;

    ModelCard(TextClassifier.Options options, Split<TextCorpus> parts, DuplicateReport duplicates,
            Optional<Map<Integer, Float>> classWeights, TrainingRun run, ClassificationReport report) {
        this.options = options;
        this.parts = parts;
        this.duplicates = duplicates;
        this.classWeights = classWeights;
        this.run = run;
        this.report = report;
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
            md.append("- text column(s): `").append(options.text).append("`; label column: `").append(options.label)
                    .append("`\n");
        } else {
            md.append("- layout: one sub-folder of `.txt` files per class\n");
        }
        md.append(String.format(Locale.ROOT, "- texts: %,d for training, %,d for testing; bad rows skipped: %,d%n",
                parts.train().size(), parts.test().size(), parts.train().skippedRows()));
        if (options.test != null) {
            md.append("- split: the test file `").append(options.test.getFileName()).append("`, SHA-256 `")
                    .append(FileChecksum.sha256(options.test)).append("`\n");
        } else {
            md.append(String.format(Locale.ROOT, "- split: stratified, %.0f%% of each class held out for testing,"
                    + " seed %d%n", 100 * options.testSplit, TextClassifier.SPLIT_SEED));
        }
        md.append(String.format(Locale.ROOT, "- validation: the last %.0f%% of the shuffled training texts (seed %d),"
                + " for early stopping%n%n", 100 * run.validationSplit(), TextClassifier.SPLIT_SEED));
    }

    private void labels(StringBuilder md) {
        List<String> classes = parts.train().classes().classes();
        long[] train = ClassWeights.counts(parts.train().classIds(), classes.size());
        long[] test = ClassWeights.counts(parts.test().classIds(), classes.size());
        md.append("## Labels\n\n| id | class | training texts | share | test texts | class weight |\n")
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
        int classes = parts.train().classes().size();
        md.append("## Model and training\n\n");
        md.append("- network: `").append(options.model.label()).append("` (").append(TextNetworks.describe(options.model,
                options.units)).append("), output ").append(classes == 2 ? "Dense(1, sigmoid)" : "Dense(" + classes
                + ", softmax)").append('\n');
        md.append("- loss: ").append(classes == 2 ? "binary cross-entropy" : "sparse categorical cross-entropy")
                .append("; optimizer: Adam (learning rate 0.001").append(options.model == TextNetworks.Kind.BOW ? ""
                        : ", cosine decay to 0 over the planned epochs").append(")\n");
        md.append(String.format(Locale.ROOT, "- epochs: %d asked, %d run (early stopping on %s, patience %d,"
                + " best weights restored); batch size %d%n", run.epochs(), run.epochsRun(), options.monitor,
                options.patience, run.batchSize()));
        md.append(String.format(Locale.ROOT, "- seed: %d (weights, shuffling, dropout); training took %.1f s%n",
                run.seed(), run.seconds()));
        md.append("- library: neurite ").append(Version.number()).append(", Java ").append(Runtime.version())
                .append("\n\n");
    }

    private void results(StringBuilder md) {
        md.append("## Test report\n\n| metric | value |\n| --- | --- |\n");
        report.metrics().forEach((name, value) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", name, value)));
        md.append("\n```\n").append(report.perClassTable()).append("\n").append(report.matrixTable()).append("```\n\n");
        md.append("The confusion matrix is drawn in `confusion_matrix.png` (rows: true class, columns: predicted).\n\n");
        if (!report.mistakes().isEmpty()) {
            md.append("Most confident mistakes:\n\n| true | predicted | probability | text |\n| --- | --- | --- | --- |\n");
            for (ClassificationReport.Mistake m : report.mistakes()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s |%n", cell(m.trueClass()),
                        cell(m.predictedClass()), m.confidence(), cell(ClassificationReport.shown(m.text()))));
            }
            md.append('\n');
        }
        if (!run.folds().isEmpty()) {
            md.append(String.format(Locale.ROOT, "### Cross-validation (%d stratified folds of the training texts)%n%n",
                    run.folds().size()));
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
