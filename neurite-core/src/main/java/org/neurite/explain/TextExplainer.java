package org.neurite.explain;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;

/**
 * Explains a text classifier's prediction for one text word by word, choosing the method from the
 * model: {@link IntegratedGradients} over the embeddings for a SequentialNetwork model that starts with an
 * Embedding (the scores are per token, as the vectorizer splits the text), {@link Occlusion} of
 * whitespace-separated words for any other model (bag-of-words). The explained score is the
 * probability of the predicted class, or of the positive class for one sigmoid output.
 *
 * <pre>{@code
 * TextVectorization vectorizer = TextVectorization.fromState(loaded.vectorizer().orElseThrow());
 * Attribution a = TextExplainer.explain(loaded.model(), "I loved this movie",
 *         vectorizer::tokenize, text -> vectorizer.transform(List.of(text)), TextExplainer.Options.defaults());
 * }</pre>
 */
public final class TextExplainer {
    private TextExplainer() {
    }

    /**
     * @param integratedGradients settings for embedding models
     * @param maxOcclusionWords the longest text, in words, that occlusion explains (it needs one
     *     forward pass per word)
     */
    public record Options(IntegratedGradients.Options integratedGradients, int maxOcclusionWords) {
        /** 50 steps from the zero embedding; occlusion of up to 2,000 words. */
        public static Options defaults() {
            return new Options(IntegratedGradients.Options.defaults(), 2_000);
        }
    }

    /**
     * The attribution of the model's score for {@code text}.
     *
     * @param tokenize the vectorizer's tokens of a text, one per id it produces (integrated gradients)
     * @param vectorize one text to the model's input {@code (1, ...)}
     */
    public static Attribution explain(Network model, String text, Function<String, List<String>> tokenize,
                                      Function<String, Tensor> vectorize, Options options) {
        Tensor input = vectorize.apply(text);
        int target = predictedClass(model, input);
        if (IntegratedGradients.applies(model)) {
            return IntegratedGradients.explain(model, input, tokenize.apply(text), target,
                    options.integratedGradients());
        }
        List<String> words = Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.size() > options.maxOcclusionWords()) {
            throw new IllegalArgumentException("explain: the text has " + words.size() + " words; occlusion"
                    + " explains at most " + options.maxOcclusionWords() + " (one forward pass each)");
        }
        return Occlusion.explain(model, words, vectorize, target);
    }

    /** Column 0 for one output unit, else the most probable class. */
    private static int predictedClass(Network model, Tensor input) {
        try (Autograd.Scope scope = Autograd.noGrad()) {
            Tensor output = model.call(Variable.constant(input), false).value();
            ModelScore.check(output.shape(), 0);
            return output.dim(1) == 1 ? 0 : output.argmax(1)[0];
        }
    }
}
