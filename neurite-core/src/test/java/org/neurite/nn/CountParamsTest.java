package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.nn.layers.Dense;

class CountParamsTest {
    @Test
    void anUnbuiltLayerRefusesToCountRatherThanSayingZero() {
        Dense dense = new Dense(64, Activation.RELU);
        SequentialNetwork.of(Input.of(20), dense);
        IllegalStateException e = assertThrows(IllegalStateException.class, dense::countParams);
        assertTrue(e.getMessage().contains("not built"), e.getMessage());
    }

    @Test
    void aModelBuildsItselfToCountAndThenItsLayersCountToo() {
        Dense dense = new Dense(64, Activation.RELU);
        SequentialNetwork model = SequentialNetwork.of(Input.of(20), dense, new Dense(1));
        assertEquals(64 * 21 + 65, model.countParams());
        assertEquals(64 * 21, dense.countParams());
    }
}
