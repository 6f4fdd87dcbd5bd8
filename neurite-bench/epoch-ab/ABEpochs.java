import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two (or more) builds of Neurite compared in one process, W1 epoch against W1 epoch in ABBA order,
 * so that on a loaded machine both meet the same load: each build's jar gets its own class loader
 * (with its own worker pool) and its own {@link EpochRunner}. After two untimed epochs per build it
 * prints, per round, each build's wall time, the calling thread's CPU time and the process's CPU
 * time for one epoch, then the medians.
 *
 * <pre>
 *   javac --add-modules jdk.incubator.vector -cp before.jar -d runner neurite-bench/epoch-ab/EpochRunner.java
 *   javac -d driver neurite-bench/epoch-ab/ABEpochs.java
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:MaxNewSize=512m -Xmx3g \
 *       -cp driver ABEpochs ROUNDS runner before.jar after.jar
 * </pre>
 */
public class ABEpochs {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path runnerDir = Path.of(args[1]);
        Object[] runners = new Object[args.length - 2];
        java.lang.reflect.Method[] epoch = new java.lang.reflect.Method[runners.length];
        for (int i = 0; i < runners.length; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {runnerDir.toUri().toURL(), Path.of(args[i + 2]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass("EpochRunner");
            runners[i] = c.getConstructor().newInstance();
            epoch[i] = c.getMethod("epoch");
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int w = 0; w < 2; w++) for (int i = 0; i < runners.length; i++) epoch[i].invoke(runners[i]);
        double[][] wall = new double[runners.length][rounds], main = new double[runners.length][rounds], proc = new double[runners.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < runners.length; k++) {
                int i = (r % 2 == 0) ? k : runners.length - 1 - k;   // ABBA order
                long t0 = System.nanoTime(), m0 = threads.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime();
                epoch[i].invoke(runners[i]);
                wall[i][r] = (System.nanoTime() - t0) / 1e6;
                main[i][r] = (threads.getCurrentThreadCpuTime() - m0) / 1e6;
                proc[i][r] = (os.getProcessCpuTime() - p0) / 1e6;
            }
            System.out.printf("round %d load %.2f: %s%n", r + 1, os.getSystemLoadAverage(), row(wall, main, proc, r));
        }
        for (int i = 0; i < runners.length; i++) {
            System.out.printf("%s: median wall_ms=%.0f main_cpu_ms=%.0f process_cpu_ms=%.0f%n", args[i + 2],
                    median(wall[i]), median(main[i]), median(proc[i]));
        }
        System.exit(0);
    }

    static String row(double[][] w, double[][] m, double[][] p, int r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) sb.append(String.format(" [%d] wall %.0f main %.0f proc %.0f", i, w[i][r], m[i][r], p[i][r]));
        return sb.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
