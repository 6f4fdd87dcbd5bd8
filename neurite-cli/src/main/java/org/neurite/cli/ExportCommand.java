package org.neurite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neurite.io.ModelFile;
import org.neurite.keras.KerasFiles;
import org.neurite.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite export --model FILE --to model.keras|weights.h5}: writes a Neurite model file's
 * network (Sequential or functional) as a Keras 3 {@code .keras} archive for
 * {@code keras.models.load_model}, or its weights as a legacy {@code .h5} file for Keras'
 * {@code model.load_weights} (into the same model built in Keras, such as the exported archive's).
 *
 * <pre>{@code
 * neurite export --model out/mnist-mlp/model.neurite --to mnist.keras
 * exported mnist.keras
 * neurite export --model out/mnist-mlp/model.neurite --to mnist.weights.h5
 * exported mnist.weights.h5 (weights for model.load_weights)
 * }</pre>
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a Neurite model as a Keras 3 .keras archive, or its weights as a legacy .h5 file.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A Neurite model file.")
    Path model;

    @Option(names = "--to", required = true,
            description = "The .keras archive to write, or a .h5 file for the weights alone (model.load_weights).")
    Path to;

    @Override
    public Integer call() throws IOException {
        String name = to.getFileName().toString();
        boolean weights = name.endsWith(".h5");
        if (!weights && !name.endsWith(".keras")) {
            throw new IllegalArgumentException("--to " + to + ": expected a file name ending in .keras (a model) or .h5"
                    + " (its weights)");
        }
        Network network = ModelFile.load(model).model();
        if (weights) {
            KerasFiles.saveWeights(network, to);
            System.out.println("exported " + to + " (weights for model.load_weights)");
        } else {
            KerasFiles.save(network, to);
            System.out.println("exported " + to);
        }
        return 0;
    }
}
