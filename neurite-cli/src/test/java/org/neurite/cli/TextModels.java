package org.neurite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neurite.io.ModelFile;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.text.TextVectorization;

/** Small saved text models for the commands' tests. */
final class TextModels {
    private TextModels() {
    }

    /**
     * An untrained Embedding-LSTM sentiment model with its vectorizer (20 tokens adapted on
     * {@code texts}, sequences of 8), saved to {@code file}.
     */
    static Path savedLstm(List<String> texts, Path file) throws IOException {
        TextVectorization ids = TextVectorization.builder().optMaxTokens(20).optOutputSequenceLength(8).build();
        ids.adapt(texts);
        Network lstm = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(20).setOutputDim(4).optMaskZero(true).build(),
                new LSTM(3), new Dense(1, Activation.SIGMOID)).seed(1);
        ModelFile.save(lstm, null, Map.of(), ids.state(), file);
        return file;
    }
}
