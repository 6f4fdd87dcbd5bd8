package org.neurite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;

/**
 * A language model loaded from a file written by {@code neurite train char-lstm | gpt | next-word}:
 * its network, its vocabulary (in the file's vectorizer, id order), how many tokens it reads at
 * once, and the scores of the token after a context.
 *
 * <pre>{@code
 * LanguageModelFile lm = LanguageModelFile.load(Path.of("out/gpt/model.neurite"), "characters", "generate");
 * float[] logits = lm.nextLogits(new int[] {12, 5, 9});   // one score per vocabulary entry
 * }</pre>
 *
 * @param model         the loaded model
 * @param vocabulary    the tokens in id order: padding {@code ""} and {@code [UNK]} first
 * @param contextLength how many tokens the model reads at most
 */
record LanguageModelFile(Model model, List<String> vocabulary, int contextLength) {
    private static final String KIND_KEY = "language_model";

    /**
     * Loads {@code file} and checks that it holds a language model of {@code kind}
     * ({@code characters} or {@code words}).
     *
     * @param command the command that needs it, for the error message
     * @throws IllegalArgumentException naming the file, what {@code command} needs and what it found
     */
    static LanguageModelFile load(Path file, String kind, String command) throws IOException {
        Model model = Model.load(file);
        String found = model.metadata().get(KIND_KEY);
        if (!kind.equals(found) || model.vectorizer().isEmpty()) {
            String recipe = model.metadata().getOrDefault("recipe", "unknown");
            throw new IllegalArgumentException(file + ": " + command + " needs a " + (kind.equals("characters")
                    ? "character language model (neurite train char-lstm or gpt)"
                    : "word language model (neurite train next-word)") + ", found a model of recipe '" + recipe
                    + "'" + (found == null ? "" : " (a " + found + " language model)"));
        }
        int context;
        try {
            context = Integer.parseInt(model.metadata().getOrDefault("context_length", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": expected a whole number of tokens as context_length in"
                    + " the model's metadata, found '" + model.metadata().get("context_length") + "'", e);
        }
        return new LanguageModelFile(model, model.vectorizer().get().getVocabulary(), context);
    }

    /**
     * The model's scores (logits) of the token that follows {@code ids}, of which it reads the last
     * {@link #contextLength()}; an empty context is refused.
     */
    float[] nextLogits(int[] ids) {
        int n = Math.min(ids.length, contextLength);
        if (n == 0) {
            throw new IllegalArgumentException("a language model needs at least one token of context");
        }
        float[] window = new float[n];
        for (int i = 0; i < n; i++) {
            window[i] = ids[ids.length - n + i];
        }
        Tensor logits = model.predict(Tensor.of(window, 1, n), 1);   // (1, n, vocabulary)
        int classes = logits.dim(2);
        float[] all = logits.toArray();
        return java.util.Arrays.copyOfRange(all, (n - 1) * classes, n * classes);
    }
}
