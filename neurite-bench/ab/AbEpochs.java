import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two (or more) builds of Neurite compared in one process, epoch against epoch in A B B A order, so
 * that on a loaded machine both meet the same load: each build's jar gets its own class loader (with
 * its own worker pool) and its own instance of the epoch class ({@code W1Epoch}, {@code W3Epoch},
 * {@code W1MnistPredict}: a constructor taking the number of samples, and {@code epoch()}). After two
 * untimed epochs per build it prints, per round, each build's wall time, the calling thread's CPU time and the process's CPU
 * time for one epoch, then the medians and the median of the per-round ratios of the first build's
 * figure over the last's (above 1: the last build is faster). From the repository root, with a jar
 * of each build (copies of neurite-cli/target/neurite.jar before and after a change):
 *
 * <pre>
 *   javac --add-modules jdk.incubator.vector -cp before.jar -d target/ab neurite-bench/ab/W1Epoch.java \
 *       neurite-bench/EpochTime.java neurite-bench/ab/W3Epoch.java neurite-bench/W3CpuTime.java
 *   javac -d target/ab-driver neurite-bench/ab/AbEpochs.java
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:MaxNewSize=512m -Xmx3g \
 *       -cp target/ab-driver AbEpochs target/ab W3Epoch 320 20 before.jar after.jar
 *   NEURITE_THREADS=1 java ... AbEpochs target/ab W1Epoch 60000 8 before.jar after.jar   # one thread
 * </pre>
 *
 * Arguments: the folder of the compiled epoch classes (not on the class path), the epoch class,
 * samples per epoch, timed rounds, then the jars.
 */
public class AbEpochs {
    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        int samples = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int builds = args.length - 4;
        Object[] runners = new Object[builds];
        Method[] epoch = new Method[builds];
        for (int i = 0; i < builds; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), Path.of(args[i + 4]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Constructor<?> make = loader.loadClass(args[1]).getConstructor(int.class);
            runners[i] = make.newInstance(samples);
            epoch[i] = runners[i].getClass().getMethod("epoch");
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < builds; i++) {
                epoch[i].invoke(runners[i]);
            }
        }
        double[][] wall = new double[builds][rounds];
        double[][] main = new double[builds][rounds];
        double[][] process = new double[builds][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < builds; k++) {
                int i = r % 2 == 0 ? k : builds - 1 - k;
                long t0 = System.nanoTime();
                long m0 = threads.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                epoch[i].invoke(runners[i]);
                wall[i][r] = (System.nanoTime() - t0) / 1e6;
                main[i][r] = (threads.getCurrentThreadCpuTime() - m0) / 1e6;
                process[i][r] = (os.getProcessCpuTime() - p0) / 1e6;
            }
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < builds; i++) {
                row.append(String.format(Locale.ROOT, " [%d] wall %.0f main %.0f process %.0f", i, wall[i][r], main[i][r], process[i][r]));
            }
            System.out.printf(Locale.ROOT, "round %d load %.2f:%s%n", r + 1, os.getSystemLoadAverage(), row);
        }
        for (int i = 0; i < builds; i++) {
            System.out.printf(Locale.ROOT, "%s: median wall_ms=%.0f main_cpu_ms=%.0f process_cpu_ms=%.0f%n", args[i + 4],
                    median(wall[i]), median(main[i]), median(process[i]));
        }
        System.out.printf(Locale.ROOT, "median per-round ratio first/last: wall %.3f main_cpu %.3f process_cpu %.3f%n",
                medianRatio(wall), medianRatio(main), medianRatio(process));
        System.exit(0);
    }

    private static double medianRatio(double[][] figure) {
        double[] ratios = new double[figure[0].length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = figure[0][r] / figure[figure.length - 1][r];
        }
        return median(ratios);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
