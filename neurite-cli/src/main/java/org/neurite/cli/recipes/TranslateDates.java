package org.neurite.cli.recipes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.cli.Arguments;
import org.neurite.cli.translate.ErrorRates;
import org.neurite.cli.translate.SymbolTable;
import org.neurite.cli.translate.TranslationTask;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import picocli.CommandLine.Option;

/**
 * Human-written dates to ISO dates ({@code "25th of November 2026"} to {@code 2026-11-25}): a
 * character-level {@link org.neurite.cli.translate.AttentionSeq2Seq} on dates written by
 * {@link DateGrammar}. The days from 1950 to 2049 are shuffled with a fixed seed; the first
 * {@value #TEST_DATES} are held out for the test, each written once in a format drawn at random, and
 * the training texts are drawn (day and format) from the other days only, so that no test date was
 * seen in training in any format. Reports {@code test_exact_match=} (greedy decoding) and
 * {@code test_exact_match_beam=} (beam search).
 *
 * <p>Options: {@code --samples} (training texts), {@code --units}, {@code --embedding},
 * {@code --learning-rate}, {@code --beam}.
 */
public final class TranslateDates extends TranslationRecipe {
    /** The seed of the split and of the texts. */
    static final long DATA_SEED = 20_261_125L;
    static final int TEST_DATES = 2000;
    static final int MAX_SOURCE_LENGTH = 40;
    static final int OUTPUT_LENGTH = 10;
    static final TranslationTask TASK = new TranslationTask(
            SymbolTable.source(DateGrammar.CHARACTERS.codePoints().mapToObj(Character::toString).toList()),
            SymbolTable.target(Arrays.asList("0123456789-".split(""))), "", MAX_SOURCE_LENGTH, OUTPUT_LENGTH,
            "the output is the model's guess of the date in ISO 8601 (yyyy-mm-dd); it answers even for text that is"
                    + " not a date");

    private final Options options;

    public TranslateDates() {
        this(new Options());
    }

    private TranslateDates(Options options) {
        super(options);
        this.options = options;
    }

    @Override
    public String name() {
        return "translate-dates";
    }

    @Override
    public String description() {
        return "human-written dates to ISO dates: encoder-decoder with attention"
                + " (--samples, --units, --embedding, --learning-rate, --beam)";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        return new TranslateDates(parsed);
    }

    @Override
    TranslationTask task() {
        return TASK;
    }

    @Override
    public RecipeData data() {
        int[] days = new int[DateGrammar.days()];
        Arrays.setAll(days, i -> i);
        Rng rng = new Rng(DATA_SEED);
        rng.shuffle(days);
        List<DateGrammar.Example> test = new ArrayList<>(TEST_DATES);
        for (int i = 0; i < TEST_DATES; i++) {
            test.add(DateGrammar.sample(DateGrammar.day(days[i]), rng));
        }
        List<DateGrammar.Example> train = new ArrayList<>(options.samples);
        for (int i = 0; i < options.samples; i++) {
            int day = days[TEST_DATES + rng.nextInt(days.length - TEST_DATES)];
            train.add(DateGrammar.sample(DateGrammar.day(day), rng));
        }
        Tensor[] trainTensors = tensors(train);
        Tensor[] testTensors = tensors(test);
        return new RecipeData(trainTensors[0], trainTensors[1], testTensors[0], testTensors[1]);
    }

    /** Source ids {@code (n, longest text)} and target ids {@code (n, 11)} of dates. */
    static Tensor[] tensors(List<DateGrammar.Example> examples) {
        return tensors(TASK, examples, DateGrammar.Example::text, e -> TASK.targetSymbols(e.iso()));
    }

    @Override
    Map<String, Double> metrics(ErrorRates greedy, ErrorRates beam) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exact_match", greedy.exactMatch());
        m.put("exact_match_beam", beam.exactMatch());
        m.put("character_error_rate", greedy.symbolErrorRate());
        return m;
    }

    @Override
    public int defaultEpochs() {
        return 4;
    }

    /** The recipe's own command-line options, beside those of every translation recipe. */
    static final class Options extends ModelOptions {
        @Option(names = "--samples", converter = Arguments.Count.class, description = "Training texts (default: 30000)")
        int samples = 30_000;
    }
}
