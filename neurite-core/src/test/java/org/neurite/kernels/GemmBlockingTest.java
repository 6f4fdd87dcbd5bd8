package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The GEMM's blocks follow the host's caches, within bounds, and a hand-set block is checked. */
class GemmBlockingTest {
    @Test
    void blocksFillTheirShareOfEachCacheLevelUpToTheMeasuredCaps() {
        // an AVX2 core: 32 KiB 8-way L1d, 512 KiB L2, 32 MiB L3 over 16 threads; tiles of 8 x 16
        GemmBlocking b = GemmBlocking.forHost(new CacheSizes(32 << 10, 8, 512 << 10, 32 << 20, true), 8, 16, 8, 16);
        assertEquals(256, b.kc());      // B's strip would fill 32 KiB at 32 KiB / (16 x 4 bytes) = 512: capped
        assertEquals(128, b.mc());      // 256 KiB / (256 x 4 bytes) = 256, capped
        assertEquals(1024, b.nc());     // (2 MiB per thread) / 2 / (256 x 4 bytes)
    }

    @Test
    void aWideL1AndAHugeReportedL3StayWithinBounds() {
        // an AVX-512 core as a virtual machine reports it: 48 KiB 12-way L1d, 2 MiB L2, 480 MiB L3; tiles of 8 x 32
        GemmBlocking b = GemmBlocking.forHost(new CacheSizes(48 << 10, 12, 2 << 20, 480L << 20, true), 8, 32, 8, 2);
        assertEquals(256, b.kc());      // 48 KiB / (32 x 4 bytes) = 384, capped
        assertEquals(128, b.mc());
        assertEquals(1024, b.nc());
        assertTrue(b.toString().startsWith("kc=256 mc=128 nc=1024 (from L1d 48K 12-way, L2 2048K, L3 491520K)"),
                b.toString());
    }

    @Test
    void theStripOfBFillsL1UpToTheCap() {
        // the AMD EPYC host: 32 KiB 8-way L1d with strips of 32 columns, 32 KiB / (32 x 4 bytes)
        GemmBlocking zen4 = GemmBlocking.forHost(new CacheSizes(32 << 10, 8, 1 << 20, 32L << 20, true), 8, 32, 8, 2);
        assertEquals(256, zen4.kc());
        // a 16 KiB L1d: 128, below the cap
        GemmBlocking small = GemmBlocking.forHost(new CacheSizes(16 << 10, 4, 1 << 20, 32L << 20, true), 8, 32, 8, 2);
        assertEquals(128, small.kc());
    }

    @Test
    void blocksOfAHoldWholeStripsOfEveryHeight() {
        // strips of A 8 rows high read in place and 12 high packed: 128 rounds down to 120
        GemmBlocking b = GemmBlocking.forHost(new CacheSizes(48 << 10, 12, 2 << 20, 480L << 20, true), 8, 32, 24, 2);
        assertEquals(120, b.mc());
        assertEquals(256, b.kc());
    }

    @Test
    void sysfsSizesParse() {
        assertEquals(48 << 10, CacheSizes.parseSize("48K"));
        assertEquals(2 << 20, CacheSizes.parseSize("2M"));
        assertEquals(512, CacheSizes.parseSize("512"));
    }

    @Test
    void aHandSetBlockMustBeAMultipleOfTheTile() {
        System.setProperty("neurite.gemm.mc", "100");
        try {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> GemmBlocking.forHost(CacheSizes.DEFAULT, 8, 16, 8, 2)).getMessage();
            assertEquals("-Dneurite.gemm.mc must be a positive multiple of 8 up to 65536, got '100'", message);
            System.setProperty("neurite.gemm.mc", "64");
            assertEquals(64, GemmBlocking.forHost(CacheSizes.DEFAULT, 8, 16, 8, 2).mc());
        } finally {
            System.clearProperty("neurite.gemm.mc");
        }
    }
}
