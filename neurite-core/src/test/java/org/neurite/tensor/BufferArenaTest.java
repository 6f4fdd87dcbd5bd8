package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BufferArenaTest {
    private final Rng rng = new Rng(8);
    private final Tensor weights = Tensor.normal(rng, 0, 1, 16, 8);
    private final Tensor input = Tensor.normal(rng, 0, 1, 4, 16);

    /** A fixed computation touching creation, broadcasting (row and column), reductions and shape ops. */
    private float step() {
        Tensor h = input.matmul(weights).add(Tensor.ones(8)).relu();                 // (4, 8)
        Tensor centred = h.sub(h.mean(1, true)).mul(h.max(1, true).add(1f));         // column broadcasts
        Tensor joined = Tensor.concat(1, centred, centred.permute(1, 0).slice(0, 0, 4).transpose());
        return joined.softmax().gather(0, 3, 3).sum().item() + Tensor.where(Tensor.scalar(1f), joined,
                joined.exp()).sum(0, false).sumTo(1).item();
    }

    @Test
    void storageIsRecycledSoFreshArraysStayConstantAfterWarmUp() {
        BufferArena arena = new BufferArena();
        float first;
        try (BufferArena.Scope scope = arena.open()) {
            first = step();
        }
        long afterWarmUp = arena.freshArrays();
        long bytesAfterWarmUp = arena.freshBytes();
        assertTrue(afterWarmUp > 0);
        for (int i = 0; i < 5; i++) {
            try (BufferArena.Scope scope = arena.open()) {
                assertEquals(first, step(), "recycled storage must not change results");
            }
        }
        assertEquals(afterWarmUp, arena.freshArrays());
        assertEquals(bytesAfterWarmUp, arena.freshBytes());
    }

    @Test
    void tensorsMadeInsideAScopeReuseStorageOfTheLastStep() {
        BufferArena arena = new BufferArena();
        float[] storage;
        try (BufferArena.Scope scope = arena.open()) {
            storage = Tensor.zeros(123).data();
        }
        try (BufferArena.Scope scope = arena.open()) {
            assertSame(storage, Tensor.ones(123).data());
            assertNotSame(storage, Tensor.ones(123).data());
        }
        assertNotSame(storage, Tensor.ones(123).data(), "outside a scope storage is plain new arrays");
    }

    @Test
    void detachedAllocationsSurviveTheScopeClosing() {
        BufferArena arena = new BufferArena();
        Tensor kept;
        try (BufferArena.Scope scope = arena.open()) {
            kept = BufferArena.detached(() -> Tensor.full(3f, 50));
            Tensor.full(1f, 50);
            assertEquals(1, arena.freshArrays());
        }
        for (int i = 0; i < 3; i++) {
            try (BufferArena.Scope scope = arena.open()) {
                Tensor.full(-7f, 50);
                Tensor.full(-8f, 50);
            }
        }
        assertArrayEquals(Tensor.full(3f, 50).toArray(), kept.toArray());
    }

    @Test
    void detachedRestoresTheArenaAfterwards() {
        BufferArena arena = new BufferArena();
        try (BufferArena.Scope scope = arena.open()) {
            BufferArena.detached(() -> Tensor.zeros(10));
            Tensor.zeros(10);
            assertEquals(1, arena.freshArrays());
        }
    }

    @Test
    void nestedArenasRestoreThePreviousOne() {
        BufferArena outer = new BufferArena();
        BufferArena inner = new BufferArena();
        try (BufferArena.Scope o = outer.open()) {
            Tensor.zeros(4);
            try (BufferArena.Scope i = inner.open()) {
                Tensor.zeros(4);
                Tensor.zeros(5);
            }
            Tensor.zeros(6);
        }
        assertEquals(2, outer.freshArrays());
        assertEquals(2, inner.freshArrays());
        assertEquals(4L * (4 + 6), outer.freshBytes());
        Tensor.zeros(7);
        assertEquals(2, outer.freshArrays(), "after the outer scope, no arena is active");
    }

    @Test
    void openingASecondScopeOfTheSameArenaFails() {
        BufferArena arena = new BufferArena();
        try (BufferArena.Scope scope = arena.open()) {
            assertThrows(IllegalStateException.class, arena::open);
        }
    }

    @Test
    void closingAScopeTwiceIsHarmless() {
        BufferArena arena = new BufferArena();
        BufferArena.Scope scope = arena.open();
        Tensor.zeros(3);
        scope.close();
        scope.close();
        try (BufferArena.Scope again = arena.open()) {
            Tensor.zeros(3);
            Tensor.zeros(3);
        }
        assertEquals(2, arena.freshArrays(), "the array recycled once is handed out once");
    }

    @Test
    void freeStorageOfSizesNoLongerUsedIsDroppedPastTheLimit() {
        BufferArena arena = new BufferArena(4L * 1000);
        for (int length = 100; length <= 900; length += 100) {       // a new shape each step, as bucketed batches
            try (BufferArena.Scope scope = arena.open()) {
                Tensor.zeros(length);
            }
            assertTrue(arena.freeBytes() <= 4L * 1000, "kept " + arena.freeBytes() + " bytes");
        }
        long fresh = arena.freshArrays();
        try (BufferArena.Scope scope = arena.open()) {
            Tensor.zeros(900);                                        // the most recent size is still there
        }
        assertEquals(fresh, arena.freshArrays());
        assertEquals(4L * 900, arena.freeBytes());
    }
}
