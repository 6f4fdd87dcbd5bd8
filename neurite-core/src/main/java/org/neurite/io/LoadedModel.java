package org.neurite.io;

import java.util.Map;
import java.util.Optional;
import org.neurite.nn.Network;
import org.neurite.text.TextVectorizationState;

/**
 * What {@link ModelFile#load} returns: the built model with its weights and seed, the library version
 * that wrote the file, the caller's metadata (such as the training data's checksum), the
 * optimizer state when the file was saved with one, and the state of the text vectorizer that
 * feeds the model when it was saved with one.
 *
 * <pre>{@code
 * LoadedModel loaded = ModelFile.load(Path.of("mnist.neurite"));
 * Tensor probabilities = loaded.model().predict(images, 256);
 * String data = loaded.metadata().get("data_sha256");
 * TextVectorization vectorizer = TextVectorization.fromState(loaded.vectorizer().orElseThrow());
 * }</pre>
 *
 * @param metadata the caller's key-value pairs, in the order they were saved; unmodifiable
 */
public record LoadedModel(Network model, String libraryVersion, Map<String, String> metadata,
                          Optional<OptimizerState> optimizerState, Optional<TextVectorizationState> vectorizer) {
}
