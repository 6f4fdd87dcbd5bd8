package org.neurite.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Tensor;

/**
 * The legacy Keras {@code keras.preprocessing.text.Tokenizer} (R: {@code text_tokenizer}), with
 * its exact behaviour, quirks included.
 *
 * <ul>
 *   <li>A text becomes words as {@code text_to_word_sequence} does: lower-cased (if {@code lower}),
 *       every character of {@code filters} replaced by {@code split}, split on {@code split},
 *       empty words dropped. With {@code char_level} every character (filters not applied) is a word.</li>
 *   <li>{@code fit_on_texts} counts words; {@code word_index} numbers them from 1 by descending
 *       count, ties in the order words were first seen (Python's stable sort). The OOV token, if
 *       any, is index 1. Index 0 is never a word.</li>
 *   <li>{@code texts_to_sequences} keeps the words whose index is below {@code num_words} (all
 *       when unset); other words become the OOV index when there is an OOV token, else vanish.</li>
 *   <li>{@code texts_to_matrix} is {@code (texts, num_words)} (or {@code len(word_index) + 1}
 *       columns when {@code num_words} is unset); see {@link MatrixMode} for the cells.</li>
 * </ul>
 *
 * <pre>{@code
 * Tokenizer tokenizer = Tokenizer.builder().optNumWords(1000).optOovToken("<OOV>").build();
 * tokenizer.fitOnTexts(List.of("The cat sat.", "The dog sat!"));
 * tokenizer.wordIndex();                                   // {<OOV>=1, the=2, sat=3, cat=4, dog=5}
 * tokenizer.textsToSequences(List.of("the bird sat"));     // [[2, 1, 3]]
 * Tensor tfidf = tokenizer.textsToMatrix(List.of("the cat"), MatrixMode.TFIDF);   // (1, 1000)
 * }</pre>
 *
 * <p>Fitting runs on one thread (the tie-break depends on the order of the texts); turning texts
 * into sequences runs on all cores.
 */
public final class Tokenizer {
    /** Keras' default {@code filters}: ASCII punctuation, tab and newline. */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private final Integer numWords;
    private final String filters;
    private final boolean lower;
    private final String split;
    private final boolean charLevel;
    private final String oovToken;
    private final Map<String, Integer> wordCounts = new LinkedHashMap<>();
    private final Map<String, Integer> wordDocs = new LinkedHashMap<>();
    private Map<String, Integer> wordIndex = Map.of();
    private Map<Integer, Integer> indexDocs = Map.of();
    private int documentCount;

    private Tokenizer(Builder b) {
        this.numWords = b.numWords;
        this.filters = b.filters;
        this.lower = b.lower;
        this.split = b.split;
        this.charLevel = b.charLevel;
        this.oovToken = b.oovToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Keras' {@code text_to_word_sequence(text, filters, lower, split)}. */
    public static List<String> textToWordSequence(String text, String filters, boolean lower, String split) {
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        StringBuilder translated = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (filters.indexOf(cp) >= 0) {
                translated.append(split);
            } else {
                translated.appendCodePoint(cp);
            }
        });
        List<String> words = new ArrayList<>();
        for (String word : translated.toString().split(Pattern.quote(split), -1)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private List<String> words(String text, int index) {
        if (text == null) {
            throw new IllegalArgumentException("text " + index + " is null");
        }
        if (!charLevel) {
            return textToWordSequence(text, filters, lower, split);
        }
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        return s.codePoints().mapToObj(Character::toString).toList();
    }

    /** Keras' {@code fit_on_texts}: adds the texts' words to the counts and renumbers the words. */
    public void fitOnTexts(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            List<String> words = words(texts.get(i), i);
            documentCount++;
            for (String w : words) {
                wordCounts.merge(w, 1, Integer::sum);
            }
            for (String w : new HashSet<>(words)) {
                wordDocs.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(wordCounts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());   // stable, as Python's
        List<String> vocabulary = new ArrayList<>();
        if (oovToken != null) {
            vocabulary.add(oovToken);
        }
        sorted.forEach(e -> vocabulary.add(e.getKey()));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i + 1);   // a repeated key keeps its later index, as dict(zip(...))
        }
        Map<Integer, Integer> docs = new LinkedHashMap<>();
        wordDocs.forEach((w, c) -> docs.put(index.get(w), c));
        wordIndex = Collections.unmodifiableMap(index);
        indexDocs = Collections.unmodifiableMap(docs);
    }

    /** Keras' {@code texts_to_sequences}. */
    public List<int[]> textsToSequences(List<String> texts) {
        int[][] sequences = new int[texts.size()][];
        Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
        Parallel.forRange(0, texts.size(), 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                sequences[i] = sequence(words(texts.get(i), i), oovIndex);
            }
        });
        return List.of(sequences);
    }

    private int[] sequence(List<String> words, Integer oovIndex) {
        int[] ids = new int[words.size()];
        int n = 0;
        for (String w : words) {
            Integer i = wordIndex.get(w);
            if (i != null && !(limited() && i >= numWords)) {
                ids[n++] = i;
            } else if (oovToken != null) {
                // Keras appends word_index.get(oov_token); it is only missing before any fit.
                ids[n++] = oovIndex == null ? 0 : oovIndex;
            }
        }
        return Arrays.copyOf(ids, n);
    }

    private boolean limited() {
        return numWords != null && numWords != 0;
    }

    /** Keras' {@code texts_to_matrix(texts, mode)}. */
    public Tensor textsToMatrix(List<String> texts, MatrixMode mode) {
        return sequencesToMatrix(textsToSequences(texts), mode);
    }

    /** Keras' {@code sequences_to_matrix(sequences, mode)}: {@code (sequences, num_words)}. */
    public Tensor sequencesToMatrix(List<int[]> sequences, MatrixMode mode) {
        int columns = columns();
        if (mode == MatrixMode.TFIDF && documentCount == 0) {
            throw new IllegalStateException("fit the Tokenizer on some data before using tfidf mode");
        }
        float[] x = new float[Math.multiplyExact(sequences.size(), columns)];
        for (int i = 0; i < sequences.size(); i++) {
            int[] seq = sequences.get(i);
            if (seq == null) {
                throw new IllegalArgumentException("sequence " + i + " is null");
            }
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (int j : seq) {
                if (j < 0) {
                    throw new IllegalArgumentException("sequence " + i + " holds the negative index " + j);
                }
                if (j < columns) {
                    counts.merge(j, 1, Integer::sum);
                }
            }
            int row = i;
            counts.forEach((j, c) -> x[row * columns + j] = cell(mode, j, c, seq.length));
        }
        return Tensor.of(x, sequences.size(), columns);   // (sequences, columns)
    }

    private int columns() {
        if (limited()) {
            return numWords;
        }
        if (wordIndex.isEmpty()) {
            throw new IllegalStateException("specify a dimension (num_words), or fit on some text data first");
        }
        return wordIndex.size() + 1;
    }

    private float cell(MatrixMode mode, int j, int count, int length) {
        return switch (mode) {
            case BINARY -> 1f;
            case COUNT -> count;
            case FREQ -> (float) ((double) count / length);
            case TFIDF -> (float) ((1 + Math.log(count))
                    * Math.log(1 + documentCount / (1 + (double) indexDocs.getOrDefault(j, 0))));
        };
    }

    /** Keras' {@code word_counts}: occurrences of each word, in first-seen order. */
    public Map<String, Integer> wordCounts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(wordCounts));
    }

    /** Keras' {@code word_docs}: the number of texts each word occurs in. */
    public Map<String, Integer> wordDocs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(wordDocs));
    }

    /** Keras' {@code word_index}: word to index (from 1), in index order. */
    public Map<String, Integer> wordIndex() {
        return wordIndex;
    }

    /** Keras' {@code index_docs}: word index to the number of texts the word occurs in. */
    public Map<Integer, Integer> indexDocs() {
        return indexDocs;
    }

    /** Keras' {@code document_count}: how many texts were fitted. */
    public int documentCount() {
        return documentCount;
    }

    /** Options of a {@link Tokenizer}; all optional, with Keras' defaults. */
    public static final class Builder {
        private Integer numWords;
        private String filters = DEFAULT_FILTERS;
        private boolean lower = true;
        private String split = " ";
        private boolean charLevel;
        private String oovToken;

        private Builder() {
        }

        /** Keras' {@code num_words}: only indices below it are kept (unset: all). */
        public Builder optNumWords(int numWords) {
            if (numWords < 0) {
                throw new IllegalArgumentException("num_words must be non-negative, got " + numWords);
            }
            this.numWords = numWords;
            return this;
        }

        /** Keras' {@code filters}: characters replaced by the split string. */
        public Builder optFilters(String filters) {
            this.filters = Objects.requireNonNull(filters, "filters");
            return this;
        }

        /** Keras' {@code lower} (default true). */
        public Builder optLower(boolean lower) {
            this.lower = lower;
            return this;
        }

        /** Keras' {@code split} (default one space); it may not be empty. */
        public Builder optSplit(String split) {
            if (split == null || split.isEmpty()) {
                throw new IllegalArgumentException("split must be a non-empty string");
            }
            this.split = split;
            return this;
        }

        /** Keras' {@code char_level}: every character is a word. */
        public Builder optCharLevel(boolean charLevel) {
            this.charLevel = charLevel;
            return this;
        }

        /** Keras' {@code oov_token}: index 1, standing for words outside the vocabulary. */
        public Builder optOovToken(String oovToken) {
            this.oovToken = Objects.requireNonNull(oovToken, "oovToken");
            return this;
        }

        public Tokenizer build() {
            return new Tokenizer(this);
        }
    }
}
