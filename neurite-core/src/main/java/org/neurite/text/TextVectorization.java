package org.neurite.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code TextVectorization}: raw texts in, a tensor of token ids or of per-text token
 * statistics out. Each text is standardized, split into tokens, optionally expanded into n-grams,
 * and looked up in a vocabulary learned by {@link #adapt} or given by {@link #setVocabulary}.
 *
 * <pre>{@code
 * TextVectorization vectorizer = TextVectorization.builder()
 *         .optMaxTokens(5000)
 *         .optOutputSequenceLength(4)
 *         .build();
 * vectorizer.adapt(List.of("foo bar", "bar baz", "baz bada boom"));
 * vectorizer.getVocabulary();                                  // [, [UNK], baz, bar, foo, boom, bada]
 * Tensor ids = vectorizer.transform(List.of("foo qux bar", "qux baz"));
 * // (2, 4): [[4, 1, 3, 0], [1, 2, 0, 0]]
 * }</pre>
 *
 * <h2>Semantics (Keras' unless said otherwise)</h2>
 * <ul>
 *   <li><b>standardize</b> (default Keras' {@link Standardization#LOWER_AND_STRIP_PUNCTUATION}:
 *       ASCII lower case, ASCII punctuation stripped, exactly as Keras), Neurite's Unicode-aware
 *       {@link Standardization#UNICODE_LOWER_AND_STRIP_PUNCTUATION} and its kin (NFKC, every
 *       script lower-cased, Unicode punctuation and {@code <br />} removed), or any
 *       {@code UnaryOperator<String>}.</li>
 *   <li><b>split</b> (default Keras' {@link Split#WHITESPACE}, ASCII whitespace), Neurite's
 *       {@link Split#UNICODE_WHITESPACE}, or any {@code Function<String, List<String>>}.</li>
 *   <li><b>ngrams</b>: {@code n} means widths 1 to n; explicit widths keep their order. N-grams
 *       are joined with one space, all of the first width before the next.</li>
 *   <li><b>vocabulary</b> ({@code adapt}): tokens by descending count, ties by descending token in
 *       UTF-8 byte order (Keras' {@code np.lexsort(...)[::-1]}), cut to {@code max_tokens}, which
 *       counts the special tokens. INT mode: {@code ""} = 0 (padding), {@code "[UNK]"} = 1 (OOV);
 *       other modes: {@code "[UNK]"} = 0, and empty tokens are dropped.</li>
 *   <li><b>output</b>: {@link OutputMode#INT} gives {@code (batch, length)} ids, padded with 0 or
 *       truncated at the end to {@code output_sequence_length}, or else padded to the longest
 *       text of the batch. The other modes give {@code (batch, vocabulary)}, or
 *       {@code (batch, max_tokens)} with {@code pad_to_max_tokens}. TF_IDF multiplies counts by
 *       {@code idf = log(1 + texts / (1 + texts containing the token))}; the OOV entry gets the
 *       mean idf of the learned tokens.</li>
 *   <li>A layer with no vocabulary yet knows only its special tokens: every token is OOV.</li>
 * </ul>
 *
 * <p>{@code adapt} counts on all cores (per-thread counts, then merged) and {@code transform}
 * vectorizes texts in parallel; results do not depend on the number of threads. A text that
 * cannot be processed (null, or a custom function that fails) raises an
 * {@link IllegalArgumentException} naming its index. Instances may be shared between threads once
 * their vocabulary is set.
 */
public final class TextVectorization extends Layer {
    /** Texts that are not in a List go to {@code adapt}'s threads in blocks of about this many characters. */
    private static final int ADAPT_BLOCK_CHARS = 1 << 23;

    private final Integer maxTokens;
    private final UnaryOperator<String> standardize;
    private final Function<String, List<String>> split;
    private final int[] ngrams;
    private final boolean ngramsAsWidth;
    private final OutputMode outputMode;
    private final Integer outputSequenceLength;
    private final boolean padToMaxTokens;
    private final TokenStream tokens;
    private volatile Lookup lookup;

    /** A vocabulary with its idf weights (aligned with it; {@code null} outside TF_IDF), swapped as one. */
    private record Lookup(Vocabulary vocabulary, float[] idf) {
    }

    private TextVectorization(Builder b) {
        super("text_vectorization");
        this.maxTokens = b.maxTokens;
        this.standardize = b.standardize;
        this.split = b.split;
        this.ngrams = b.ngrams;
        this.ngramsAsWidth = b.ngramsAsWidth;
        this.outputMode = b.outputMode;
        this.outputSequenceLength = b.outputSequenceLength;
        this.padToMaxTokens = b.padToMaxTokens;
        this.tokens = new TokenStream(standardize, split, ngrams);
        this.lookup = new Lookup(Vocabulary.empty(outputMode), outputMode == OutputMode.TF_IDF ? new float[1] : null);
        if (b.vocabulary != null) {
            setVocabulary(b.vocabulary, b.idfWeights);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------ vocabulary

    /**
     * Learns the vocabulary (and, in TF_IDF mode, the idf weights) from {@code texts}, replacing
     * what the layer knew. Each text is one document.
     */
    public void adapt(Iterable<String> texts) {
        adapt(countAll(texts));
    }

    /**
     * The counts {@code adapt} learns from {@code texts}, without learning from them: for a corpus
     * split across machines, count each part, {@link AdaptCounts#merge} the parts, then
     * {@link #adapt(AdaptCounts)}. The vocabulary does not depend on how the corpus was split.
     */
    public AdaptCounts count(Iterable<String> texts) {
        return countAll(texts).toAdaptCounts();
    }

    /** Learns the vocabulary (and idf weights) from counts made by {@link #count}, merged. */
    public void adapt(AdaptCounts counts) {
        adapt(counts.toTokenCounts());
    }

    private TokenCounts countAll(Iterable<String> texts) {
        return texts instanceof List<String> list ? countBlock(list, 0) : countInBlocks(texts);
    }

    private void adapt(TokenCounts counts) {
        List<TokenCounts.Ranked> learned = counts.ranked(Vocabulary.specials(true), learnedLimit());
        Vocabulary vocabulary = Vocabulary.of(outputMode, learned.stream().map(TokenCounts.Ranked::token).toList());
        lookup = new Lookup(vocabulary, outputMode == OutputMode.TF_IDF ? idfWeights(counts.texts(), learned) : null);
    }

    /** Counts a stream of texts a block at a time, so that only one block is held in memory. */
    private TokenCounts countInBlocks(Iterable<String> texts) {
        TokenCounts counts = new TokenCounts();
        List<String> block = new ArrayList<>();
        long blockChars = 0;
        long next = 0;
        for (String text : texts) {
            block.add(text);
            blockChars += text == null ? 0 : text.length();
            if (blockChars >= ADAPT_BLOCK_CHARS) {
                counts.merge(countBlock(block, next));
                next += block.size();
                block.clear();
                blockChars = 0;
            }
        }
        counts.merge(countBlock(block, next));
        return counts;
    }

    private TokenCounts countBlock(List<String> block, long firstIndex) {
        return TokenCounts.mergeAll(SharedWork.run(block.size(), TokenCounts::new, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                long index = firstIndex + i;
                forEachToken(block.get(i), index, (chars, start, end, hash) -> part.add(index, chars, start, end, hash));
                part.endText();
            }
        }));
    }

    private int learnedLimit() {
        int specials = Vocabulary.specials(outputMode == OutputMode.INT).size();
        return maxTokens == null ? Integer.MAX_VALUE : maxTokens - specials;
    }

    /**
     * Keras' idf, {@code log(1 + texts / (1 + document frequency))} in float64 then rounded to
     * float32; the OOV entry gets their float32 mean as {@code tf.reduce_mean} computes it.
     */
    private static float[] idfWeights(long texts, List<TokenCounts.Ranked> learned) {
        float[] idf = new float[learned.size() + 1];
        for (int i = 0; i < learned.size(); i++) {
            idf[i + 1] = (float) Math.log(1 + (double) texts / (1 + learned.get(i).documents()));
        }
        idf[0] = ReduceMean.of(idf, 1, idf.length);
        return idf;
    }

    /**
     * Keras' {@code set_vocabulary(vocabulary)}: the special tokens may lead {@code vocabulary} in
     * their order or be left out. Not for TF_IDF mode, which needs idf weights too.
     */
    public void setVocabulary(List<String> vocabulary) {
        setVocabulary(vocabulary, null);
    }

    /**
     * Keras' {@code set_vocabulary(vocabulary, idf_weights)}: {@code idfWeights} (TF_IDF mode only,
     * where it is required) has one weight per entry of {@code vocabulary}; when the special
     * tokens were left out, the OOV entry gets the mean of the given weights (in float64, as
     * {@code np.average} of a Python list of floats).
     */
    public void setVocabulary(List<String> vocabulary, float[] idfWeights) {
        boolean tfIdf = outputMode == OutputMode.TF_IDF;
        if (tfIdf != (idfWeights != null)) {
            throw new IllegalArgumentException(tfIdf ? "idf_weights must be set if output_mode is 'tf_idf'"
                    : "idf_weights should only be set if output_mode is 'tf_idf'; output_mode is '"
                            + outputMode.kerasName() + "'");
        }
        List<String> learned = Vocabulary.learnedPart(outputMode, vocabulary, maxTokens);
        float[] idf = tfIdf ? alignedIdf(vocabulary, idfWeights) : null;
        lookup = new Lookup(Vocabulary.of(outputMode, learned), idf);
    }

    private static float[] alignedIdf(List<String> vocabulary, float[] idfWeights) {
        if (idfWeights.length != vocabulary.size()) {
            throw new IllegalArgumentException("idf_weights must be the same length as the vocabulary: "
                    + idfWeights.length + " weights for " + vocabulary.size() + " tokens");
        }
        if (Vocabulary.startsWithSpecials(vocabulary, Vocabulary.specials(false))) {
            return idfWeights.clone();
        }
        float[] idf = new float[idfWeights.length + 1];
        System.arraycopy(idfWeights, 0, idf, 1, idfWeights.length);
        double sum = 0;
        for (float w : idfWeights) {
            sum += w;
        }
        idf[0] = (float) (sum / idfWeights.length);
        return idf;
    }

    /** Keras' {@code get_vocabulary()}: every token in index order, special tokens included. */
    public List<String> getVocabulary() {
        return getVocabulary(true);
    }

    /** Keras' {@code get_vocabulary(include_special_tokens)}. */
    public List<String> getVocabulary(boolean includeSpecialTokens) {
        return lookup.vocabulary().tokens(includeSpecialTokens);
    }

    /** Keras' {@code vocabulary_size()}: special tokens included. */
    public int vocabularySize() {
        return lookup.vocabulary().size();
    }

    /** The idf weight of each vocabulary entry (TF_IDF mode), or {@code null} in other modes. */
    public float[] idfWeights() {
        float[] idf = lookup.idf();
        return idf == null ? null : idf.clone();
    }

    // ------------------------------------------------------------------------------- transform

    /** The tokens (or n-grams) of one text: standardized, split and expanded, not yet looked up. */
    public List<String> tokenize(String text) {
        return tokens.tokenize(text);
    }

    /** Hands each token of text number {@code index} to {@code sink}; failures name the text. */
    private void forEachToken(String text, long index, TokenStream.Sink sink) {
        if (text == null) {
            throw new IllegalArgumentException("text " + index + " is null");
        }
        try {
            tokens.forEach(text, sink);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("text " + index + ": " + e.getMessage(), e);
        }
    }

    /**
     * Vectorizes {@code texts}: {@code (batch, length)} token ids in INT mode, else
     * {@code (batch, vocabulary)} (see the class comment).
     */
    public Tensor transform(List<String> texts) {
        Lookup current = lookup;
        return outputMode == OutputMode.INT ? transformToIds(texts, current) : transformToCounts(texts, current);
    }

    private Tensor transformToIds(List<String> texts, Lookup current) {
        int[][] ids = new int[texts.size()][];
        SharedWork.run(texts.size(), IdBuffer::new, (buffer, from, to) -> {
            for (int i = from; i < to; i++) {
                buffer.length = 0;
                forEachToken(texts.get(i), i, (chars, start, end, hash) ->
                        buffer.add(current.vocabulary().lookup(chars, start, end, hash)));
                ids[i] = Arrays.copyOf(buffer.ids, buffer.length);
            }
        });
        int length = outputSequenceLength != null ? outputSequenceLength : longest(ids);
        float[] out = new float[Math.multiplyExact(texts.size(), length)];
        for (int i = 0; i < ids.length; i++) {
            int n = Math.min(length, ids[i].length);   // Keras truncates and pads at the end
            for (int t = 0; t < n; t++) {
                out[i * length + t] = ids[i][t];
            }
        }
        return Tensor.of(out, texts.size(), length);   // (batch, length)
    }

    /** A growable list of ids: those of one text, or the entries one row of counts touched. */
    private static final class IdBuffer {
        int[] ids = new int[256];
        int length;

        void add(int id) {
            if (length == ids.length) {
                ids = Arrays.copyOf(ids, length * 2);
            }
            ids[length++] = id;
        }
    }

    private static int longest(int[][] ids) {
        int longest = 0;
        for (int[] row : ids) {
            longest = Math.max(longest, row.length);
        }
        return longest;
    }

    private Tensor transformToCounts(List<String> texts, Lookup current) {
        int width = padToMaxTokens ? maxTokens : current.vocabulary().size();
        float[] out = new float[Math.multiplyExact(texts.size(), width)];
        SharedWork.run(texts.size(), IdBuffer::new, (touched, from, to) -> {
            for (int i = from; i < to; i++) {
                countRow(texts.get(i), i, current, out, i * width, touched);
            }
        });
        return Tensor.of(out, texts.size(), width);   // (batch, width)
    }

    /**
     * Vectorizes {@code texts} as {@link #transform} does in MULTI_HOT, COUNT and TF_IDF modes, with
     * the same values, but keeps only each row's non-zero entries: {@code (batch, width)} in
     * {@link SparseRows}, so that a corpus of bag-of-words features never exists densely.
     *
     * <pre>{@code
     * SparseRows x = vectorizer.transformSparse(reviews);   // (reviews, max_tokens)
     * trainer.fit(x, labels, options);                       // dense a batch at a time
     * }</pre>
     *
     * @throws IllegalStateException in INT mode, whose rows are token ids, not features
     */
    public SparseRows transformSparse(List<String> texts) {
        if (outputMode == OutputMode.INT) {
            throw new IllegalStateException("TextVectorization: transformSparse needs output_mode multi_hot, count"
                    + " or tf_idf; output_mode is 'int', whose token ids transform() gives");
        }
        Lookup current = lookup;
        int width = padToMaxTokens ? maxTokens : current.vocabulary().size();
        int[][] indices = new int[texts.size()][];
        float[][] values = new float[texts.size()][];
        SharedWork.run(texts.size(), () -> new SparseScratch(width), (scratch, from, to) -> {
            for (int i = from; i < to; i++) {
                countRow(texts.get(i), i, current, scratch.row, 0, scratch.touched);
                int[] columns = Arrays.copyOf(scratch.touched.ids, scratch.touched.length);
                Arrays.sort(columns);
                indices[i] = columns;
                values[i] = new float[columns.length];
                for (int k = 0; k < columns.length; k++) {
                    values[i][k] = scratch.row[columns[k]];
                    scratch.row[columns[k]] = 0f;   // the row is clean again for the next text
                }
            }
        });
        return SparseRows.of(width, indices, values);   // (batch, width)
    }

    /** One worker's dense row of counts and the entries it touched. */
    private static final class SparseScratch {
        final float[] row;
        final IdBuffer touched = new IdBuffer();

        SparseScratch(int width) {
            row = new float[width];
        }
    }

    /** One row of counts; {@code touched} collects the entries it sets, so TF_IDF weighs only those. */
    private void countRow(String text, int index, Lookup current, float[] out, int offset, IdBuffer touched) {
        boolean multiHot = outputMode == OutputMode.MULTI_HOT;
        touched.length = 0;
        forEachToken(text, index, (chars, start, end, hash) -> {
            int j = current.vocabulary().lookup(chars, start, end, hash);
            if (j >= 0) {
                if (out[offset + j] == 0f) {
                    touched.add(j);
                }
                out[offset + j] = multiHot ? 1f : out[offset + j] + 1f;
            }
        });
        if (outputMode == OutputMode.TF_IDF) {
            float[] idf = current.idf();
            for (int t = 0; t < touched.length; t++) {
                out[offset + touched.ids[t]] *= idf[touched.ids[t]];
            }
        }
    }

    // ------------------------------------------------------------------------------ as a model's first layer

    @Override
    public String type() {
        return "TextVectorization";
    }

    /**
     * The shape of {@link #transform}'s rows for texts of shape {@code (1)}, one string per sample:
     * {@code (output_sequence_length)} in INT mode ({@code (-1)} when each batch pads to its longest
     * text), else {@code (max_tokens)} with {@code pad_to_max_tokens} or the vocabulary's size, as
     * known now (adapt before building a model on it).
     */
    @Override
    public int[] outputShape(int[] inputShape) {
        if (!(inputShape.length == 0 || inputShape.length == 1 && inputShape[0] == 1)) {
            throw error("expects one text per sample, input shape (1), got " + Arrays.toString(inputShape));
        }
        if (outputMode == OutputMode.INT) {
            return new int[] {outputSequenceLength != null ? outputSequenceLength : -1};
        }
        return new int[] {padToMaxTokens ? maxTokens : lookup.vocabulary().size()};
    }

    /**
     * Refuses: texts are not tensors. A model whose first layer this is ({@code org.neurite.models})
     * calls {@link #transform} on its texts before the rest of the network runs.
     */
    @Override
    public Variable call(Variable input, boolean training) {
        throw error("reads texts, not tensors; put it first in a model (Sequential.of(Input.ofStrings(), this, ...))"
                + " or call transform(texts)");
    }

    // ------------------------------------------------------------------------------ state

    public OutputMode outputMode() {
        return outputMode;
    }

    /** The configuration under Keras' {@code get_config()} keys (see {@link TextVectorizationState}). */
    @Override
    public Map<String, Object> config() {
        return KerasTextConfig.of(this);
    }

    /** Configuration, vocabulary and idf weights: everything needed to rebuild this layer. */
    public TextVectorizationState state() {
        Lookup current = lookup;
        return new TextVectorizationState(KerasTextConfig.of(this), current.vocabulary().tokens(true), current.idf());
    }

    /** Rebuilds a layer saved by {@link #state()}; it must use built-in standardize and split. */
    public static TextVectorization fromState(TextVectorizationState state) {
        return fromState(state, null, null);
    }

    /**
     * Rebuilds a layer saved by {@link #state()}, with the custom standardize and split functions
     * (each {@code null} where the saved layer used a built-in one).
     */
    public static TextVectorization fromState(TextVectorizationState state, UnaryOperator<String> customStandardize,
                                              Function<String, List<String>> customSplit) {
        Builder builder = KerasTextConfig.builder(state.config(), customStandardize, customSplit);
        builder.optVocabulary(state.vocabulary());
        if (state.idfWeights() != null) {
            builder.optIdfWeights(state.idfWeights());
        }
        return builder.build();
    }

    Integer maxTokens() {
        return maxTokens;
    }

    UnaryOperator<String> standardize() {
        return standardize;
    }

    Function<String, List<String>> split() {
        return split;
    }

    /** Keras' {@code ngrams} argument: null, an int, or a list of widths. */
    Object ngramsArgument() {
        if (ngrams == null) {
            return null;
        }
        return ngramsAsWidth ? (Object) ngrams.length : Arrays.stream(ngrams).boxed().toList();
    }

    Integer outputSequenceLength() {
        return outputSequenceLength;
    }

    boolean padToMaxTokens() {
        return padToMaxTokens;
    }

    /** Options of a {@link TextVectorization}; all optional, with Keras' defaults. */
    public static final class Builder {
        private Integer maxTokens;
        private UnaryOperator<String> standardize = Standardization.LOWER_AND_STRIP_PUNCTUATION;
        private Function<String, List<String>> split = Split.WHITESPACE;
        private int[] ngrams;
        private boolean ngramsAsWidth;
        private OutputMode outputMode = OutputMode.INT;
        private Integer outputSequenceLength;
        private boolean padToMaxTokens;
        private List<String> vocabulary;
        private float[] idfWeights;

        private Builder() {
        }

        /** Keras' {@code max_tokens}: the largest vocabulary, special tokens included (at least 2). */
        public Builder optMaxTokens(int maxTokens) {
            if (maxTokens <= 1) {
                throw new IllegalArgumentException("max_tokens must be greater than 1, got " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * Keras' {@code standardize}: a {@link Standardization} (Keras' four, or Neurite's
         * Unicode-aware {@code UNICODE_...}) or any function of the text.
         */
        public Builder optStandardize(UnaryOperator<String> standardize) {
            this.standardize = Objects.requireNonNull(standardize, "standardize (use Standardization.NONE)");
            return this;
        }

        /** Keras' {@code split}: a {@link Split} (Keras' two, or Neurite's {@code UNICODE_WHITESPACE}) or any function from text to tokens. */
        public Builder optSplit(Function<String, List<String>> split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /** Keras' {@code ngrams=n}: n-grams of widths 1 to {@code n}. */
        public Builder optNgrams(int n) {
            this.ngrams = checkedWidths(IntStream.rangeClosed(1, Math.max(n, 0)).toArray(), n);
            this.ngramsAsWidth = true;
            return this;
        }

        /** Keras' {@code ngrams=(w1, w2, ...)}: n-grams of exactly these widths, in this order. */
        public Builder optNgramWidths(int... widths) {
            this.ngrams = checkedWidths(widths.clone(), widths.length == 0 ? 0 : 1);
            this.ngramsAsWidth = false;
            return this;
        }

        private static int[] checkedWidths(int[] widths, int n) {
            if (n < 1 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("ngrams must be at least 1, got " + Arrays.toString(widths));
            }
            return widths;
        }

        /** Keras' {@code output_mode} (default INT). */
        public Builder optOutputMode(OutputMode outputMode) {
            this.outputMode = Objects.requireNonNull(outputMode, "outputMode");
            return this;
        }

        /** Keras' {@code output_sequence_length} (INT mode only): pad or truncate at the end to this length. */
        public Builder optOutputSequenceLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("output_sequence_length must be positive, got " + length);
            }
            this.outputSequenceLength = length;
            return this;
        }

        /** Keras' {@code pad_to_max_tokens}: non-INT outputs are {@code max_tokens} wide. */
        public Builder optPadToMaxTokens(boolean pad) {
            this.padToMaxTokens = pad;
            return this;
        }

        /** Keras' {@code vocabulary}, as {@link TextVectorization#setVocabulary(List)} takes it. */
        public Builder optVocabulary(List<String> vocabulary) {
            this.vocabulary = List.copyOf(vocabulary);
            return this;
        }

        /** Keras' {@code idf_weights} (TF_IDF mode, with a vocabulary). */
        public Builder optIdfWeights(float[] idfWeights) {
            this.idfWeights = idfWeights.clone();
            return this;
        }

        public TextVectorization build() {
            if (outputSequenceLength != null && outputMode != OutputMode.INT) {
                throw new IllegalArgumentException("output_sequence_length must not be set if output_mode is not "
                        + "'int'; output_mode is '" + outputMode.kerasName() + "'");
            }
            if (padToMaxTokens && maxTokens == null) {
                throw new IllegalArgumentException("pad_to_max_tokens needs max_tokens");
            }
            if (idfWeights != null && vocabulary == null) {
                throw new IllegalArgumentException("idf_weights need a vocabulary");
            }
            return new TextVectorization(this);
        }
    }
}
