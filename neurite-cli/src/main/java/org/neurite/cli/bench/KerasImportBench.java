package org.neurite.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.keras.KerasFiles;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench keras-import}: how long importing a Keras {@code .keras} archive of about
 * {@code --megabytes} takes (the Keras issue's target: 10 MB in under a second after start-up). The
 * archive is an Embedding classifier exported by Neurite (Embedding(vocabulary, 128) →
 * GlobalAveragePooling1D → Dense(1)), the vocabulary chosen for the size; it is imported
 * {@code --rounds} times, and the first (cold) and the fastest import are reported.
 */
@Command(name = "keras-import", mixinStandardHelpOptions = true,
        description = "Time importing a .keras archive of about 10 MB (first and fastest of several rounds).")
public final class KerasImportBench implements Callable<Integer> {
    private static final int EMBEDDING_DIM = 128;

    @Option(names = "--megabytes", defaultValue = "10", converter = Arguments.Count.class,
            description = "Size of the weights in MB (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @Option(names = "--rounds", defaultValue = "5", converter = Arguments.Count.class,
            description = "Imports timed (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws IOException {
        Path archive = Files.createTempFile("neurite-bench", ".keras");
        try {
            int vocabulary = megabytes * 1_000_000 / (4 * EMBEDDING_DIM);
            Network model = SequentialNetwork.of(Input.of(-1),
                    Embedding.builder().setInputDim(vocabulary).setOutputDim(EMBEDDING_DIM).build(),
                    new GlobalAveragePooling1D(), new Dense(1, "sigmoid"));
            model.build();
            KerasFiles.save(model, archive);
            System.out.printf(Locale.ROOT, "archive_megabytes=%.1f weights=%d%n", Files.size(archive) / 1e6,
                    model.countParams());
            double first = 0;
            double best = Double.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                KerasFiles.load(archive);
                double seconds = (System.nanoTime() - start) / 1e9;
                first = round == 0 ? seconds : first;
                best = Math.min(best, seconds);
            }
            System.out.printf(Locale.ROOT, "import_seconds_first=%.3f%nimport_seconds_best=%.3f%n", first, best);
            return 0;
        } finally {
            Files.deleteIfExists(archive);
        }
    }
}
