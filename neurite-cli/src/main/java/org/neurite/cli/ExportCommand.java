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
 * {@code neurite export --model FILE --to model.keras}: writes a Neurite model file's network as a
 * Keras 3 {@code .keras} archive for {@code keras.models.load_model} (Sequential models for now).
 *
 * <pre>{@code
 * neurite export --model out/mnist-mlp/model.neurite --to mnist.keras
 * exported mnist.keras
 * }</pre>
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a Neurite model as a Keras 3 .keras archive (Sequential models).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A Neurite model file.")
    Path model;

    @Option(names = "--to", required = true, description = "The .keras archive to write.")
    Path to;

    @Override
    public Integer call() throws IOException {
        if (!to.getFileName().toString().endsWith(".keras")) {
            throw new IllegalArgumentException("--to " + to + ": expected a file name ending in .keras");
        }
        Network network = ModelFile.load(model).model();
        KerasFiles.save(network, to);
        System.out.println("exported " + to);
        return 0;
    }
}
