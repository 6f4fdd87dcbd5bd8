package org.neurite.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neurite.text.TextVectorization;
import org.neurite.text.TextVectorizationState;

/**
 * A {@link TextVectorization}'s state in a form Spark can ship to executors (plain maps, lists and
 * arrays), from which each task rebuilds an equal layer. Only built-in standardize and split
 * functions travel: a custom Java function has no name another JVM could look up.
 */
final class VectorizerRecipe implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> config;
    private final ArrayList<String> vocabulary;
    private final float[] idfWeights;

    private VectorizerRecipe(TextVectorizationState state) {
        this.config = new LinkedHashMap<>(state.config());
        this.vocabulary = new ArrayList<>(state.vocabulary());
        this.idfWeights = state.idfWeights();
    }

    static VectorizerRecipe of(TextVectorization vectorizer) {
        Map<String, Object> config = vectorizer.state().config();
        for (String key : new String[] {"standardize", "split"}) {
            if ("custom".equals(String.valueOf(config.get(key)))) {
                throw new IllegalArgumentException("TextVectorization '" + vectorizer.name() + "' has a custom " + key
                        + " function, which cannot be sent to Spark executors; use a built-in " + key);
            }
        }
        return new VectorizerRecipe(vectorizer.state());
    }

    TextVectorization build() {
        return TextVectorization.fromState(new TextVectorizationState(config, vocabulary, idfWeights));
    }
}
