package org.neurite.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurite.io.ModelFile;
import org.neurite.keras.KerasFiles;
import org.neurite.keras.KerasImport;
import org.neurite.keras.Npz;
import org.neurite.keras.Parity;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neurite import FILE [--out model.neurite] [--check CASES.npz [--layers]]}: reads a Keras 3
 * {@code .keras} archive or a legacy {@code .h5} file, optionally saves it as a Neurite model file,
 * and optionally proves the import exact.
 *
 * <p>{@code --check} reads NumPy's {@code .npz} with {@code input_0, input_1, ...} and Keras'
 * predictions {@code output_0, output_1, ...}, runs the imported model and prints each output's
 * largest absolute difference, then a last line {@code max_abs_diff=<value>}. With {@code --layers}
 * it first compares every layer whose Keras output the archive holds as {@code layer_<name>} and
 * names the first one that differs by more than {@code --tolerance}.
 *
 * <pre>{@code
 * neurite import imdb_lstm.keras --out imdb_lstm.neurite --check cases.npz
 * imported imdb_lstm.keras: 3 layers, 426 weights, written by keras-3.15.1
 * saved imdb_lstm.neurite
 * output_0 max_abs_diff=5.960e-08
 * max_abs_diff=5.960e-08
 * }</pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a Keras .keras or .h5 model; save it as a Neurite model and check it against Keras.")
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A Keras 3 .keras archive or a legacy .h5 file.")
    Path file;

    @Option(names = "--out", description = "Save the imported model as this Neurite model file.")
    Path out;

    @Option(names = "--check", paramLabel = "CASES.npz",
            description = "NumPy .npz with input_0.. and Keras' output_0..: print the largest differences.")
    Path cases;

    @Option(names = "--layers", description = "With --check: compare each layer_<name> array held in CASES too.")
    boolean layers;

    @Option(names = "--tolerance", defaultValue = "1e-5",
            description = "Largest difference counted as equal in the --layers report (default: ${DEFAULT-VALUE}).")
    float tolerance;

    @Override
    public Integer call() throws IOException {
        if (layers && cases == null) {
            throw new IllegalArgumentException("--layers needs --check CASES.npz");
        }
        KerasImport imported = KerasFiles.read(file);
        Network model = imported.loaded().model();
        PrintStream stdout = System.out;
        stdout.printf(Locale.ROOT, "imported %s: %d layers, %d weights, written by %s%n", file, model.layers().size(),
                model.countParams(), imported.loaded().libraryVersion());
        if (out != null) {
            ModelFile.save(model, out);
            stdout.println("saved " + out);
        }
        if (cases != null) {
            Map<String, Tensor> arrays = Npz.read(cases);
            if (layers) {
                reportLayers(imported, arrays, stdout);
            }
            Parity parity = Parity.check(model, arrays);
            for (int i = 0; i < parity.outputs().size(); i++) {
                stdout.println("output_" + i + " max_abs_diff=" + format(parity.outputs().get(i)));
            }
            stdout.println("max_abs_diff=" + format(parity.maxAbsDiff()));
        }
        return 0;
    }

    private void reportLayers(KerasImport imported, Map<String, Tensor> arrays, PrintStream stdout) {
        Map<String, Tensor> outputs = imported.layerOutputs(Parity.inputs(imported.loaded().model(), arrays));
        String first = null;
        int compared = 0;
        for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
            Tensor keras = arrays.get("layer_" + e.getKey());
            if (keras == null) {
                stdout.println("layer " + e.getKey() + " (no Keras output in " + cases.getFileName() + ")");
                continue;
            }
            compared++;
            if (!Arrays.equals(keras.shape(), e.getValue().shape())) {
                stdout.println("layer " + e.getKey() + " shape differs: Keras " + Arrays.toString(keras.shape())
                        + ", Neurite " + Arrays.toString(e.getValue().shape()));
                first = first == null ? e.getKey() : first;
                continue;
            }
            float diff = Parity.maxAbsDiff(keras, e.getValue());
            stdout.println("layer " + e.getKey() + " max_abs_diff=" + format(diff));
            if (first == null && !(diff <= tolerance)) {
                first = e.getKey();
            }
        }
        stdout.println(compared == 0 ? "no layer_<name> arrays in " + cases.getFileName() + " to compare"
                : first == null ? "all " + compared + " layers agree within " + tolerance
                : "outputs start to differ at layer " + first);
    }

    private static String format(float value) {
        return String.format(Locale.ROOT, "%.3e", value);
    }
}
