import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.neurite.cli.recipes.MnistMlp;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.kernels.KernelWarmUp;
import org.neurite.models.Model;
import org.neurite.train.Callback;
import org.neurite.train.FitOptions;
import org.neurite.train.Trainer;

/**
 * Where the CPU of W1's first MNIST epochs goes, as {@code neurite bench mlp} trains them (the kernel
 * warm-up started first, then the recipe's data, network and batch 128): after each epoch, its wall
 * time and the CPU seconds every kind of thread of this process has used so far, read from Linux's
 * {@code /proc/self/task} (the JIT's compiler threads, the garbage collector's, the main thread
 * {@code java} and the kernels' workers; a thread that has ended, such as the warm-up, is no longer
 * listed). Compile it against the CLI's jar (which holds the recipe) and run it with the launcher's
 * flags; MNIST must be in Neurite's dataset folder (any {@code neurite train mnist-mlp} puts it there):
 *
 *   javac -cp neurite-cli/target/neurite.jar -d /tmp/fe neurite-bench/FirstEpochCpu.java
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:MaxNewSize=512m -XX:CICompilerCount=4 \
 *       -cp neurite-cli/target/neurite.jar:/tmp/fe FirstEpochCpu 2
 */
public final class FirstEpochCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Clock ticks per second of {@code /proc}'s CPU times: 100 on Linux's usual configurations. */
    private static final double TICKS = 100;

    public static void main(String[] args) {
        KernelWarmUp.startInBackground();
        MnistMlp recipe = new MnistMlp();
        RecipeData data = recipe.data();
        Model model = recipe.model(1);
        recipe.compile(model);
        Callback report = new Callback() {
            private long start;

            @Override
            public void onEpochBegin(Trainer trainer, int epoch) {
                start = System.nanoTime();
            }

            @Override
            public void onEpochEnd(Trainer trainer, int epoch, Map<String, Double> logs) {
                System.out.printf(Locale.ROOT, "epoch %d: %.3f s; CPU seconds so far:%s%n", epoch + 1,
                        (System.nanoTime() - start) / 1e9, cpuByThreadKind());
            }
        };
        model.fit(data.trainX(), data.trainY(), FitOptions.builder().batchSize(128)
                .epochs(Integer.parseInt(args[0])).callbacks(report).build());
    }

    /** Each thread kind's user and system CPU, a kind being a thread's name without its trailing number. */
    private static String cpuByThreadKind() {
        Map<String, Long> ticks = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String kind = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+$", "");
                String stat = Files.readString(task.resolve("stat"));
                // the fields after the name, which is in parentheses and may hold spaces; utime and stime are 14 and 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder line = new StringBuilder();
        ticks.forEach((kind, used) -> {
            if (used > 0) {
                line.append(String.format(Locale.ROOT, " %s %.2f", kind, used / TICKS));
            }
        });
        return line.toString();
    }
}
