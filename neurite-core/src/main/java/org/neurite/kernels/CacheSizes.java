package org.neurite.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data cache sizes of this host's first core, in bytes, and the L1 data cache's associativity,
 * as the operating system reports them (Linux's {@code /sys/devices/system/cpu/cpu0/cache}); where it
 * reports none, those of a common current x86 core (32 KiB 8-way L1d, 1 MiB L2, 32 MiB L3), with
 * {@link #measured()} false. Where it reports the sizes but not the ways, 8 ways are assumed.
 *
 * <pre>{@code
 * CacheSizes caches = CacheSizes.ofThisHost();   // e.g. L1d 48K 12-way, L2 2048K, L3 491520K
 * }</pre>
 *
 * @param l1d the level-1 data cache
 * @param l1dWays the level-1 data cache's ways (lines of one set)
 * @param l2 the level-2 cache
 * @param l3 the level-3 cache (shared by the cores of a socket)
 * @param measured whether the sizes came from the host
 */
public record CacheSizes(long l1d, int l1dWays, long l2, long l3, boolean measured) {
    static final CacheSizes DEFAULT = new CacheSizes(32L << 10, 8, 1L << 20, 32L << 20, false);
    private static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** The sizes of this host's caches, or {@link #DEFAULT} where they cannot be read. */
    public static CacheSizes ofThisHost() {
        long l1d = 0;
        int l1dWays = 0;
        long l2 = 0;
        long l3 = 0;
        for (int i = 0; i < 8; i++) {
            Path index = SYSFS.resolve("index" + i);
            try {
                String type = Files.readString(index.resolve("type")).trim();
                int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                long size = parseSize(Files.readString(index.resolve("size")).trim());
                if (level == 1 && type.equals("Data")) {
                    l1d = size;
                    l1dWays = ways(index);
                } else if (level == 2 && !type.equals("Instruction")) {
                    l2 = size;
                } else if (level == 3) {
                    l3 = size;
                }
            } catch (IOException | RuntimeException unreadable) {
                // no such index, or not Linux: the sizes found so far, and defaults for the rest
            }
        }
        if (l1d <= 0 || l2 <= 0) {
            return DEFAULT;
        }
        return new CacheSizes(l1d, l1dWays > 0 ? l1dWays : DEFAULT.l1dWays, l2, l3 > 0 ? l3 : DEFAULT.l3, true);
    }

    /** The ways of a cache, or 0 where the host does not say (some virtual machines report none). */
    private static int ways(Path index) {
        try {
            return Integer.parseInt(Files.readString(index.resolve("ways_of_associativity")).trim());
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** {@code "48K"}, {@code "2M"} or a plain byte count, as sysfs writes sizes. */
    static long parseSize(String text) {
        char unit = Character.toUpperCase(text.charAt(text.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = scale == 1 ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits) * scale;
    }

    @Override
    public String toString() {
        return "L1d " + (l1d >> 10) + "K " + l1dWays + "-way, L2 " + (l2 >> 10) + "K, L3 " + (l3 >> 10) + "K" + (measured ? "" : " (assumed)");
    }
}
