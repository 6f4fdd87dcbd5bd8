package org.neurite.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neurite.text.Tokenizer;

/**
 * The IMDB reviews as Keras' {@code keras.datasets.imdb.load_data(num_words=N)} serves them: each
 * review a sequence of word ids, with Keras' defaults {@code start_char=1}, {@code oov_char=2} and
 * {@code index_from=3}. A word of rank {@code r} in the word index (1 = most frequent) has id
 * {@code r + 3}; each sequence starts with 1; ids not below {@code numWords} become 2; 0 is left for
 * padding. Courses written for Keras' integer view (pad_sequences, then an Embedding) run unchanged.
 *
 * <p>Differences from Keras: the split is Neurite's stratified one ({@link ReviewDatasets}), and the
 * word index is learned from the 25,000 training reviews only, by the legacy {@link Tokenizer}'s
 * rules (lower case, ASCII punctuation removed, ranks by descending count, ties in order of first
 * appearance), so ranks resemble but do not equal those of Keras' {@code get_word_index()}. Like
 * Keras' index, it keeps the {@code br} of HTML line breaks as a word.
 *
 * <pre>{@code
 * Split<SequenceDataset> imdb = KerasImdb.loadData(10_000);
 * int[] first = imdb.train().sequences().get(0);   // [1, 14, 22, 2, 43, ...]
 * }</pre>
 */
public final class KerasImdb {
    /** Marks the start of every sequence. */
    public static final int START_CHAR = 1;
    /** Stands for every word outside the top {@code numWords - 1} ids. */
    public static final int OOV_CHAR = 2;
    /** Word ranks are shifted by this much, leaving 0 (padding), 1 (start) and 2 (OOV) free. */
    public static final int INDEX_FROM = 3;

    private KerasImdb() {
    }

    /** Every word kept: Keras' {@code load_data()}. */
    public static Split<SequenceDataset> loadData() {
        return fromReviews(ReviewDatasets.imdb(), Integer.MAX_VALUE);
    }

    /** Words with ids below {@code numWords} kept, the rest {@link #OOV_CHAR}: Keras' {@code load_data(num_words=N)}. */
    public static Split<SequenceDataset> loadData(int numWords) {
        return fromReviews(ReviewDatasets.imdb(), numWords);
    }

    /** The word index of {@link #loadData}: word to rank, 1 for the most frequent (Keras' {@code get_word_index()}). */
    public static Map<String, Integer> wordIndex() {
        return fit(ReviewDatasets.imdb().train()).wordIndex();
    }

    /**
     * Any labelled reviews in this view: the word index is learned from {@code reviews.train()} and
     * applied to both parts.
     *
     * @param numWords ids from this value up become {@link #OOV_CHAR}; at least {@value #INDEX_FROM}
     */
    public static Split<SequenceDataset> fromReviews(Split<ReviewDataset> reviews, int numWords) {
        if (numWords < INDEX_FROM) {
            throw new IllegalArgumentException("num_words must be at least " + INDEX_FROM + ", got " + numWords);
        }
        Tokenizer tokenizer = fit(reviews.train());
        return new Split<>(encode(tokenizer, reviews.train(), numWords), encode(tokenizer, reviews.test(), numWords));
    }

    private static Tokenizer fit(ReviewDataset train) {
        Tokenizer tokenizer = Tokenizer.builder().build();
        tokenizer.fitOnTexts(train.texts());
        return tokenizer;
    }

    /** Keras' {@code [start_char] + [w + index_from for w in x]}, then ids at or above num_words to oov_char. */
    private static SequenceDataset encode(Tokenizer tokenizer, ReviewDataset reviews, int numWords) {
        List<int[]> ranks = tokenizer.textsToSequences(reviews.texts());
        List<int[]> sequences = new ArrayList<>(ranks.size());
        for (int[] words : ranks) {
            int[] ids = new int[words.length + 1];
            ids[0] = START_CHAR;
            for (int t = 0; t < words.length; t++) {
                long id = (long) words[t] + INDEX_FROM;
                ids[t + 1] = id < numWords ? (int) id : OOV_CHAR;
            }
            sequences.add(ids);
        }
        return new SequenceDataset(sequences, reviews.labels());
    }
}
