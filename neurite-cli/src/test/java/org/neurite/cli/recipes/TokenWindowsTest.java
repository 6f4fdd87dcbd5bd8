package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenWindowsTest {
    @Test
    void eachWindowIsTrainedOnTheTokensThatFollowIt() {
        TokenWindows w = TokenWindows.of(new int[] {5, 6, 7, 8, 9, 10}, 2);
        assertArrayEquals(new int[] {2, 2}, w.x().shape());
        assertArrayEquals(new float[] {5, 6, 7, 8}, w.x().toArray());
        assertArrayEquals(new float[] {6, 7, 8, 9}, w.y().toArray());
    }

    @Test
    void refusesATextTooShortForOneWindow() {
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.of(new int[] {1, 2}, 2));
    }
}
