package org.neurite.kernels;

/**
 * How {@link Gemm} cuts a product into cache-sized blocks on this host, chosen once at start-up from
 * {@link CacheSizes} after the analytical model of BLIS (Low et al., "Analytical modeling is enough
 * for high-performance BLIS", 2016):
 * <ul>
 *   <li>{@code kc}: a {@code kc x NR} strip of packed B fills the L1 data cache, up to
 *       {@link #MAX_KC}. BLIS keeps the strip in part of L1 beside A's strip (on a 32 KiB 8-way L1
 *       with strips of 32 columns and 8 rows, one way for A and {@code kc} 128); here the strip takes
 *       all of L1, since a step of depth, 24 vector multiply-adds over 12 rows, lasts longer than
 *       L2 takes to deliver B's row of 128 bytes, and a deeper block halves the loads and stores of
 *       C's tiles and the calls of the micro-kernel. On the AMD EPYC host (32 KiB L1d) 256 ran 2-3%
 *       faster than 128 on the cubes and on 128x784x256, and W1's prediction faster still (its
 *       256-deep layer in one block);</li>
 *   <li>{@code mc}: an {@code mc x kc} block of packed A fills half of L2;</li>
 *   <li>{@code nc}: a {@code kc x nc} panel of packed B fills half of one core's share of L3.</li>
 * </ul>
 * Each is rounded down to its tile multiple and kept within bounds, measured ones above (see
 * {@code MAX_MC}) and ones below that stop a misreported cache from giving absurd blocks. The system properties {@code neurite.gemm.kc}, {@code neurite.gemm.mc} and
 * {@code neurite.gemm.nc} override the choice, for tuning by hand; {@code neurite bench gemm} prints it.
 *
 * @param kc depth of a packed block
 * @param mc rows of a packed block of A, a multiple of the strips' heights ({@code MR} and {@code MR_WIDE})
 * @param nc columns of a packed panel of B, a multiple of {@code NR}
 * @param caches the cache sizes the choice was made from
 */
public record GemmBlocking(int kc, int mc, int nc, CacheSizes caches) {
    /**
     * Caps on the blocks of A and of B's panel: on a Xeon with 2 MiB of L2 per core, blocks sized to
     * half of L2 and of L3 (mc 512, nc 4096) ran at 0.85x of these on 1024³ and 2048³ products, the
     * threads' packed panels then crowding each other out of the shared caches.
     */
    private static final int MAX_MC = 128;
    private static final int MAX_NC = 1024;
    /** The deepest block: on the Intel Xeon host (48 KiB L1d), 384 and 512 ran slower than 256. */
    private static final int MAX_KC = 256;

    /** The blocking {@link Gemm} uses in this JVM. */
    public static GemmBlocking current() {
        return Gemm.BLOCKING;
    }

    /**
     * The blocking for these caches, tiles of {@code mr x nr} and {@code threads} threads; {@code mc}
     * is a multiple of {@code mcMultiple}, so that a block of A splits into whole strips of every
     * height the micro-kernels use.
     */
    static GemmBlocking forHost(CacheSizes caches, int mr, int nr, int mcMultiple, int threads) {
        int kc = clamp(roundDown(caches.l1d() / ((long) nr * Float.BYTES), 8), 64, MAX_KC);
        int mc = clamp(roundDown(caches.l2() / 2 / ((long) kc * Float.BYTES), mcMultiple),
                roundDown(mr * 4 + mcMultiple - 1, mcMultiple), roundDown(MAX_MC, mcMultiple));
        long l3PerCore = caches.l3() / Math.max(1, threads);
        int nc = clamp(roundDown(l3PerCore / 2 / ((long) kc * Float.BYTES), nr), nr * 8, MAX_NC);
        return new GemmBlocking(override("kc", kc, 1), override("mc", mc, mcMultiple), override("nc", nc, nr),
                caches);
    }

    private static int roundDown(long value, int multiple) {
        return (int) Math.min(Integer.MAX_VALUE, value / multiple * multiple);
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }

    private static int override(String name, int chosen, int multiple) {
        String value = System.getProperty("neurite.gemm." + name);
        if (value == null || value.isBlank()) {
            return chosen;
        }
        int given;
        try {
            given = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            given = -1;
        }
        if (given <= 0 || given % multiple != 0 || given > 1 << 16) {
            throw new IllegalArgumentException("-Dneurite.gemm." + name + " must be a positive multiple of " + multiple
                    + " up to 65536, got '" + value + "'");
        }
        return given;
    }

    @Override
    public String toString() {
        return "kc=" + kc + " mc=" + mc + " nc=" + nc + " (from " + caches + ")";
    }
}
