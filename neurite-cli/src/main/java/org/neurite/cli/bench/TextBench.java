package org.neurite.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.data.DatasetCache;
import org.neurite.kernels.Parallel;
import org.neurite.text.OutputMode;
import org.neurite.text.Split;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench text}: throughput of {@link TextVectorization} on about 65 MB of reviews:
 * the IMDB {@code reviews.json} when it is in the dataset cache, else synthetic review-like text
 * of the same size. Reports MB/s (UTF-8 megabytes of input per second) of {@code adapt} and of
 * {@code transform} in int and tf_idf modes, the median of the rounds after a warm-up round.
 */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "Time TextVectorization's adapt and transform on ~65 MB of reviews.")
public final class TextBench implements Callable<Integer> {
    private static final int TFIDF_BATCH = 512;

    @Option(names = "--rounds", defaultValue = "4", converter = Arguments.Count.class, description = "Rounds; the first is warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--input", converter = Arguments.InputFile.class, description = "A reviews.json to read (default: the IMDB cache if present, else synthetic text).")
    Path input;

    @Option(names = "--synthetic", description = "Use synthetic text even when the IMDB reviews are cached.")
    boolean synthetic;

    @Override
    public Integer call() throws IOException {
        Path reviews = input != null ? input : cachedImdbReviews();
        boolean real = !synthetic && Files.isRegularFile(reviews);
        List<String> texts = real ? readReviews(reviews) : syntheticReviews(50_000, 1);
        double megabytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum() / 1e6;
        System.out.printf(Locale.ROOT, "corpus=%s texts=%d megabytes=%.1f threads=%d%n",
                real ? reviews : "synthetic", texts.size(), megabytes, Parallel.threads());
        double[] adapt = new double[rounds];
        double[] transform = new double[rounds];
        double[] tfIdf = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            adapt[r] = megabytes / seconds(() -> intVectorizer().adapt(texts));
            TextVectorization ints = intVectorizer();
            ints.adapt(texts);
            transform[r] = megabytes / seconds(() -> ints.transform(texts));
            TextVectorization tfidf = recipeBuilder().optMaxTokens(10_000).optOutputMode(OutputMode.TF_IDF).build();
            tfidf.adapt(texts);
            tfIdf[r] = megabytes / seconds(() -> transformInBatches(tfidf, texts));
            System.out.printf(Locale.ROOT, "round %d: adapt %.1f MB/s, transform int %.1f MB/s, transform tf_idf %.1f MB/s%n",
                    r + 1, adapt[r], transform[r], tfIdf[r]);
        }
        System.out.printf(Locale.ROOT, "adapt_mb_per_s=%.1f%n", medianAfterWarmUp(adapt));
        System.out.printf(Locale.ROOT, "transform_int_mb_per_s=%.1f%n", medianAfterWarmUp(transform));
        System.out.printf(Locale.ROOT, "transform_tfidf_mb_per_s=%.1f%n", medianAfterWarmUp(tfIdf));
        return 0;
    }

    /** Where {@code ReviewDatasets.imdb()} caches IMDB's reviews.json (honouring -Dneurite.data.dir and NEURITE_DATA_DIR), without fetching it. */
    private static Path cachedImdbReviews() {
        return DatasetCache.fromEnvironment().root().resolve("imdb").resolve("reviews.json");
    }

    /** The vectorizer of the IMDB LSTM recipe: 20,000 tokens, 200 ids per review. */
    private static TextVectorization intVectorizer() {
        return recipeBuilder().optMaxTokens(20_000).optOutputSequenceLength(200).build();
    }

    /** The standardization and split of the IMDB recipes: Neurite's Unicode-aware ones, the slower kind. */
    private static TextVectorization.Builder recipeBuilder() {
        return TextVectorization.builder().optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(Split.UNICODE_WHITESPACE);
    }

    private static void transformInBatches(TextVectorization vectorizer, List<String> texts) {
        for (int from = 0; from < texts.size(); from += TFIDF_BATCH) {
            vectorizer.transform(texts.subList(from, Math.min(texts.size(), from + TFIDF_BATCH)));
        }
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double medianAfterWarmUp(double[] values) {
        double[] timed = values.length > 1 ? Arrays.copyOfRange(values, 1, values.length) : values.clone();
        Arrays.sort(timed);
        return timed[timed.length / 2];
    }

    private static List<String> readReviews(Path path) throws IOException {
        List<String> texts = new ArrayList<>();
        for (JsonNode review : new ObjectMapper().readTree(path.toFile())) {
            texts.add(review.get("t").asText());
        }
        return texts;
    }

    /**
     * Review-like text: Zipf-distributed words from a 40,000-word vocabulary, sentences of 5 to 30
     * words with capitals and punctuation, a paragraph break {@code <br /><br />} now and then, and
     * an accented word in one review of ten; about 1,300 characters per review, as IMDB's.
     */
    static List<String> syntheticReviews(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = syntheticWords(40_000, random);
        double[] cumulative = zipf(words.length);
        List<String> reviews = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder review = new StringBuilder();
            int target = 200 + random.nextInt(2200);
            while (review.length() < target) {
                appendSentence(review, words, cumulative, random);
            }
            if (random.nextInt(10) == 0) {
                review.append(" Café Olé – très “naïve”.");
            }
            reviews.add(review.toString());
        }
        return reviews;
    }

    private static void appendSentence(StringBuilder review, String[] words, double[] cumulative, SplittableRandom random) {
        int length = 5 + random.nextInt(26);
        for (int w = 0; w < length; w++) {
            String word = words[sample(cumulative, random)];
            if (w == 0) {
                review.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                review.append(random.nextInt(12) == 0 ? ", " : " ").append(word);
            }
        }
        review.append(random.nextInt(4) == 0 ? "!" : ".");
        review.append(random.nextInt(8) == 0 ? "<br /><br />" : " ");
    }

    private static String[] syntheticWords(int n, SplittableRandom random) {
        String letters = "etaoinshrdlucmfwypvbgkqjxz";
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder();
            int length = 1 + Math.min(12, (int) Math.round(Math.log(i + 2) * 1.2 + random.nextInt(3)));
            for (int c = 0; c < length; c++) {
                w.append(letters.charAt((int) Math.min(25, Math.abs(random.nextGaussian()) * 8)));
            }
            words[i] = i % 50 == 7 ? w + "'s" : w.toString();
        }
        return words;
    }

    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int sample(double[] cumulative, SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }
}
