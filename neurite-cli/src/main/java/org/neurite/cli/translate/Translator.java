package org.neurite.cli.translate;

import java.util.ArrayList;
import java.util.List;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;

/**
 * Translates texts with a model made by {@link AttentionSeq2Seq} and the {@link TranslationTask} it
 * was trained for: greedily or with a beam search ({@link Search}), then reads the attention weights
 * of the chosen translation. Any text gets an answer: unknown characters read as the unknown symbol,
 * an empty text as one unknown symbol, and a text longer than the task's longest source is cut.
 *
 * <pre>{@code
 * Translator translator = Translator.of(Model.load(Path.of("out/translate-dates/model.neurite")));
 * translator.translate(List.of("25th of November 2026"), 1).get(0).text();   // 2026-11-25
 * }</pre>
 */
public final class Translator {
    /** Texts decoded together. */
    private static final int CHUNK = 256;

    private final TranslationTask task;
    private final Model model;

    /** A translator for {@code trained} (a training model of {@link AttentionSeq2Seq}) and its task. */
    public Translator(Model trained, TranslationTask task) {
        this.task = task;
        this.model = AttentionSeq2Seq.inference(trained);
    }

    /**
     * The translator of a loaded model file, with the task saved in its metadata.
     *
     * @throws IllegalArgumentException if the model was not trained for translation
     */
    public static Translator of(Model loaded) {
        if (!TranslationTask.isIn(loaded.metadata())) {
            String recipe = loaded.metadata().getOrDefault("recipe", "unknown");
            throw new IllegalArgumentException("the model (recipe " + recipe + ") is not a translation model; use one"
                    + " written by 'neurite train translate-dates' or 'neurite train pronounce'");
        }
        return new Translator(loaded, TranslationTask.fromMetadata(loaded.metadata()));
    }

    public TranslationTask task() {
        return task;
    }

    /** The translations of {@code texts}: greedy for a {@code beamWidth} of 1, else a beam search. */
    public List<Translation> translate(List<String> texts, int beamWidth) {
        List<Translation> out = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += CHUNK) {
            out.addAll(translateChunk(texts.subList(start, Math.min(texts.size(), start + CHUNK)), beamWidth));
        }
        return out;
    }

    private List<Translation> translateChunk(List<String> texts, int beamWidth) {
        List<List<String>> sources = texts.stream().map(this::sourceSymbols).toList();
        int[][] ids = sources.stream().map(s -> task.source().ids(s)).toArray(int[][]::new);
        NextSymbols next = (rows, prefixes) -> nextProbabilities(ids, rows, prefixes);
        Search.Result[] results = beamWidth == 1 ? Search.greedy(next, texts.size(), task.maxOutputLength())
                : Search.beam(next, texts.size(), beamWidth, task.maxOutputLength());
        float[][][] attention = attention(ids, results);
        List<Translation> out = new ArrayList<>(texts.size());
        for (int s = 0; s < texts.size(); s++) {
            List<String> symbols = task.target().symbols(results[s].symbols());
            out.add(new Translation(sources.get(s), symbols, task.join(symbols), results[s].logProbability(),
                    attention[s]));
        }
        return out;
    }

    /** The source symbols of a text; an empty text reads as one unknown symbol, so that attention has something to look at. */
    private List<String> sourceSymbols(String text) {
        List<String> symbols = task.sourceSymbols(text);
        return symbols.isEmpty() ? List.of(task.source().symbol(SymbolTable.UNKNOWN)) : symbols;
    }

    /** The next-symbol probabilities after each prefix (the model's output at the prefix's last step). */
    private float[][] nextProbabilities(int[][] sourceIds, int[] rows, int[][] prefixes) {
        int[][] sources = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            sources[r] = sourceIds[rows[r]];
        }
        Tensor p = model.predictAll(List.of(padded(sources), padded(prefixes))).get(0);   // (rows, T, V)
        int steps = p.dim(1);
        int v = p.dim(2);
        float[][] out = new float[rows.length][v];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(p.data(), p.offset() + (r * steps + steps - 1) * v, out[r], 0, v);
        }
        return out;
    }

    /** For each translation, the attention weights of its written symbols over its source symbols. */
    private float[][][] attention(int[][] sourceIds, Search.Result[] results) {
        int[][] prefixes = new int[results.length][];
        for (int s = 0; s < results.length; s++) {
            int[] written = results[s].symbols();
            prefixes[s] = new int[written.length + 1];
            prefixes[s][0] = SymbolTable.START;
            System.arraycopy(written, 0, prefixes[s], 1, written.length);
        }
        Tensor weights = model.predictAll(List.of(padded(sourceIds), padded(prefixes))).get(1);   // (n, T, S)
        int steps = weights.dim(1);
        int width = weights.dim(2);
        float[][][] out = new float[results.length][][];
        for (int s = 0; s < results.length; s++) {
            out[s] = new float[prefixes[s].length - 1][sourceIds[s].length];
            for (int t = 0; t < out[s].length; t++) {   // row t: the step that wrote symbol t
                System.arraycopy(weights.data(), weights.offset() + (s * steps + t) * width, out[s][t], 0,
                        sourceIds[s].length);
            }
        }
        return out;
    }

    /** The rows as a (rows, longest) tensor of ids, padded with 0. */
    static Tensor padded(int[][] rows) {
        int width = 1;
        for (int[] row : rows) {
            width = Math.max(width, row.length);
        }
        Tensor t = Tensor.zeros(rows.length, width);
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rows[r].length; i++) {
                t.data()[r * width + i] = rows[r][i];
            }
        }
        return t;
    }
}
