package org.neurite.cli.recipes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neurite.cli.Arguments;
import org.neurite.cli.report.AttentionHeatMap;
import org.neurite.cli.translate.AttentionSeq2Seq;
import org.neurite.cli.translate.ErrorRates;
import org.neurite.cli.translate.SymbolTable;
import org.neurite.cli.translate.Translation;
import org.neurite.cli.translate.TranslationTask;
import org.neurite.cli.translate.Translator;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.History;
import org.neurite.train.Losses;
import org.neurite.train.Metrics;
import picocli.CommandLine.Option;

/**
 * What the translation recipes share: an {@link AttentionSeq2Seq} trained with teacher forcing on
 * pairs of symbol-id rows, evaluated by decoding the test sources greedily and with a beam search,
 * with the {@link TranslationTask} saved in the model file so that {@code neurite translate} can
 * read it, and an attention heat map of a few test translations ({@code attention.png}).
 *
 * <p>Data: {@code trainX}/{@code testX} are source ids {@code (n, S)} padded with 0; {@code trainY}/
 * {@code testY} are target ids {@code (n, T)}: the symbols, the end token, then padding (the model
 * learns to write padding after the end, which decoding never reads). The decoder's input is
 * {@code trainY} shifted right behind the start token ({@link #decoderInputs}).
 *
 * <p>A recipe adds its task, its data, its metrics' names and its epochs; the options of the model
 * ({@code --units}, {@code --embedding}, {@code --learning-rate}, {@code --beam}) and the batch of 64
 * are the same for all ({@link ModelOptions}).
 */
abstract class TranslationRecipe implements Recipe {
    private static final int HEAT_MAP_EXAMPLES = 3;
    private static final float CLIP_NORM = 1f;

    private final ModelOptions options;

    /** A recipe with these model and training options (a subclass's options add its data options). */
    TranslationRecipe(ModelOptions options) {
        this.options = options;
    }

    abstract TranslationTask task();

    /** The test metrics of greedy and beam-search decoding, named as the recipe reports them. */
    abstract Map<String, Double> metrics(ErrorRates greedy, ErrorRates beam);

    @Override
    public Model model(long seed) {
        return AttentionSeq2Seq.training(task(), options.embedding, options.units).seed(seed);
    }

    @Override
    public void compile(Model model) {
        model.compile(new Adam(options.learningRate).optClipNorm(CLIP_NORM),
                Losses.sparseCategoricalCrossentropy(), Metrics.byName("accuracy"));
    }

    @Override
    public History fit(Model model, RecipeData data, FitOptions options) {
        return model.fit(List.of(data.trainX(), decoderInputs(data.trainY())), List.of(data.trainY()), options);
    }

    @Override
    public Map<String, Double> evaluate(Model model, RecipeData data) {
        Map<String, Double> out = new LinkedHashMap<>(model.evaluate(
                List.of(data.testX(), decoderInputs(data.testY())), List.of(data.testY())));   // teacher-forced
        List<String> sources = sources(data.testX());
        List<List<String>> references = references(data.testY());
        Translator translator = new Translator(model, task());
        ErrorRates greedy = ErrorRates.of(symbols(translator.translate(sources, 1)), references);
        ErrorRates beam = ErrorRates.of(symbols(translator.translate(sources, options.beam)), references);
        out.putAll(metrics(greedy, beam));
        return out;
    }

    @Override
    public List<String> writeExtraOutputs(Model model, RecipeData data, long seed, Path dir) throws IOException {
        List<String> sources = sources(data.testX()).subList(0, HEAT_MAP_EXAMPLES);
        List<Translation> translations = new Translator(model, task()).translate(sources, options.beam);
        AttentionHeatMap.write(translations, name() + ": attention of each output symbol (rows) over the input",
                dir.resolve("attention.png"));
        return List.of("attention.png");
    }

    @Override
    public Map<String, String> modelMetadata() {
        return task().toMetadata();
    }

    @Override
    public int defaultBatchSize() {
        return 64;
    }

    /**
     * Source ids {@code (n, longest source)} and target ids {@code (n, longest target + 1)} of examples:
     * the source text's symbols, and the target's symbols followed by the end token.
     */
    static <T> Tensor[] tensors(TranslationTask task, List<T> examples, Function<T, String> source,
            Function<T, List<String>> target) {
        List<int[]> sources = new ArrayList<>(examples.size());
        List<int[]> targets = new ArrayList<>(examples.size());
        for (T e : examples) {
            sources.add(task.source().ids(task.sourceSymbols(source.apply(e))));
            targets.add(targetIds(task, target.apply(e)));
        }
        return new Tensor[] {idRows(sources), idRows(targets)};
    }

    /** Rows of ids, padded with 0 to the longest, as a tensor. */
    static Tensor idRows(List<int[]> rows) {
        int width = rows.stream().mapToInt(r -> r.length).max().orElse(1);
        Tensor t = Tensor.zeros(rows.size(), width);
        for (int r = 0; r < rows.size(); r++) {
            int[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                t.data()[r * width + i] = row[i];
            }
        }
        return t;
    }

    /** The target ids of a translation: its symbols, then the end token. */
    static int[] targetIds(TranslationTask task, List<String> symbols) {
        int[] ids = new int[symbols.size() + 1];
        System.arraycopy(task.target().ids(symbols), 0, ids, 0, symbols.size());
        ids[symbols.size()] = SymbolTable.END;
        return ids;
    }

    /** The decoder's input for targets {@code (n, T)}: the start token, then the targets but the last. */
    static Tensor decoderInputs(Tensor targets) {
        int n = targets.dim(0);
        int steps = targets.dim(1);
        Tensor in = Tensor.zeros(n, steps);
        for (int r = 0; r < n; r++) {
            in.data()[r * steps] = SymbolTable.START;
            System.arraycopy(targets.data(), targets.offset() + r * steps, in.data(), r * steps + 1, steps - 1);
        }
        return in;
    }

    /** The source texts of id rows (the source symbols are characters). */
    List<String> sources(Tensor ids) {
        List<String> texts = new ArrayList<>(ids.dim(0));
        for (int r = 0; r < ids.dim(0); r++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < ids.dim(1); i++) {
                int id = (int) ids.data()[ids.offset() + r * ids.dim(1) + i];
                if (id != SymbolTable.PAD) {
                    text.append(task().source().symbol(id));
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** The reference symbols of target id rows, up to the end token. */
    List<List<String>> references(Tensor ids) {
        List<List<String>> out = new ArrayList<>(ids.dim(0));
        for (int r = 0; r < ids.dim(0); r++) {
            List<String> symbols = new ArrayList<>();
            for (int i = 0; i < ids.dim(1); i++) {
                int id = (int) ids.data()[ids.offset() + r * ids.dim(1) + i];
                if (id == SymbolTable.END) {
                    break;
                }
                symbols.add(task().target().symbol(id));
            }
            out.add(symbols);
        }
        return out;
    }

    private static List<List<String>> symbols(List<Translation> translations) {
        return translations.stream().map(Translation::symbols).toList();
    }

    /** The command-line options of every translation recipe: the model's size, the learning rate, the beam. */
    static class ModelOptions {
        @Option(names = "--units", converter = Arguments.Count.class, description = "Units of each encoder direction (default: 64)")
        int units = 64;

        @Option(names = "--embedding", converter = Arguments.Count.class, description = "Size of the character embeddings (default: 32)")
        int embedding = 32;

        @Option(names = "--learning-rate", converter = Arguments.PositiveFloat.class, description = "Adam's learning rate (default: 0.002)")
        float learningRate = 2e-3f;

        @Option(names = "--beam", converter = Arguments.Count.class, description = "Beam width of the beam-search metrics and the heat map (default: 3)")
        int beam = 3;
    }
}
