import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A/B of two builds' W3 training epoch in one JVM, for a loaded machine: each jar is loaded by its own
 * class loader with {@code W3Step}, and their epochs alternate A B B A ..., so both see the same load.
 * Prints each build's minimum and median (per 1,000 sequences) and the median of the per-round
 * ratios first/last (above 1: the last jar is faster). From the repository root, with a jar of each
 * build (copy neurite-cli/target/neurite.jar before and after the change):
 *
 *   mkdir -p target/ab && javac --add-modules jdk.incubator.vector -d target/ab -cp before.jar neurite-bench/ab/W3Step.java
 *   javac -d target/ab neurite-bench/ab/EpochAb.java
 *   NEURITE_THREADS=1 java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp target/ab \
 *       EpochAb target/ab 320 30 before.jar after.jar          # CPU time of one thread
 *   WALL=1 java ... EpochAb target/ab 320 20 before.jar after.jar    # wall time, all cores
 *
 * Arguments: the folder holding W3Step.class (not on the class path), sequences per epoch, rounds
 * (after two warm-up rounds), then the jars.
 */
public class EpochAb {
    public static void main(String[] a) throws Exception {
        Path steps = Path.of(a[0]);
        int samples = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        int n = a.length - 3;
        Method[] epoch = new Method[n];
        for (int i = 0; i < n; i++) {
            URLClassLoader l = new URLClassLoader(new URL[] {steps.toUri().toURL(),
                Path.of(a[i + 3]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = l.loadClass("W3Step");
            c.getMethod("setup", int.class).invoke(null, samples);
            epoch[i] = c.getMethod("epoch");
        }
        double[][] t = new double[n][rounds];
        for (int r = -2; r < rounds; r++) {          // two warm-up rounds
            for (int k = 0; k < n; k++) {
                int i = (r & 1) == 0 ? k : n - 1 - k;   // ABBA order
                long ns = (Long) epoch[i].invoke(null);
                if (r >= 0) t[i][r] = ns / 1e6 * 1000 / samples;
            }
        }
        for (int i = 0; i < n; i++) {
            double[] s = t[i].clone(); Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%s min %.1f median %.1f ms/1000%n", a[i + 3], s[0], s[rounds / 2]);
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) ratios[r] = t[0][r] / t[n - 1][r];
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "per-round ratio first/last: min %.3f median %.3f max %.3f%n", ratios[0], ratios[rounds / 2], ratios[rounds - 1]);
    }
}
