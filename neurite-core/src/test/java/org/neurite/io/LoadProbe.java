package org.neurite.io;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Loads each model file named on the command line and prints, per file, one tab-separated line:
 * the file, LOADED, REFUSED or CRASHED, the CPU and wall milliseconds the load took on this
 * thread, and the message. Run in a child JVM with a small heap by {@link ModelFileSmallHeapTest},
 * so that what a load costs is measured where an OutOfMemoryError would be real.
 */
public final class LoadProbe {
    private LoadProbe() {
    }

    public static void main(String[] files) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String file : files) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            String outcome;
            try {
                ModelFile.load(Path.of(file));
                outcome = "LOADED\t";
            } catch (ModelFileException e) {
                outcome = "REFUSED\t" + e.getMessage();
            } catch (Throwable e) {
                outcome = "CRASHED\t" + e;
            }
            long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
            long wallMillis = (System.nanoTime() - wall) / 1_000_000;
            String[] parts = outcome.split("\t", 2);
            System.out.println(file + "\t" + parts[0] + "\t" + cpuMillis + "\t" + wallMillis + "\t"
                    + parts[1].replace('\n', ' ').replace('\t', ' '));
        }
    }
}
