package org.neurite.io;

import java.util.Map;
import java.util.Optional;
import org.neurite.nn.Model;

/**
 * What {@link ModelFile#load} returns: the built model with its weights and seed, the library version
 * that wrote the file, the caller's metadata (such as the training data's checksum), and the
 * optimizer state when the file was saved with one.
 *
 * <pre>{@code
 * LoadedModel loaded = ModelFile.load(Path.of("mnist.neurite"));
 * Tensor probabilities = loaded.model().predict(images, 256);
 * String data = loaded.metadata().get("data_sha256");
 * }</pre>
 *
 * @param metadata the caller's key-value pairs, in the order they were saved; unmodifiable
 */
public record LoadedModel(Model model, String libraryVersion, Map<String, String> metadata,
                          Optional<OptimizerState> optimizerState) {
}
