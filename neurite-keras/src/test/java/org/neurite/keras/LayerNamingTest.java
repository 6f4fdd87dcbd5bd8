package org.neurite.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Layer names stay unique when nested models are flattened; the nested layer gives way. */
class LayerNamingTest {
    @Test
    void nestedLayerKeepsItsNameWhenItIsFree() {
        LayerNaming names = new LayerNaming();
        names.claim("dense", null);
        assertEquals("lstm", names.claim("lstm", "encoder"));
    }

    @Test
    void nestedLayerWhoseNameIsTakenGetsTheNestedModelsNameBeforeIt() {
        LayerNaming names = new LayerNaming();
        names.claim("dense", null);
        assertEquals("encoder_dense", names.claim("dense", "encoder"));
        assertEquals("decoder_dense", names.claim("dense", "decoder"));
    }

    @Test
    void twoOuterLayersWithOneNameAreRefused() {
        LayerNaming names = new LayerNaming();
        names.claim("dense", null);
        KerasFormatError e = assertThrows(KerasFormatError.class, () -> names.claim("dense", null));
        assertEquals("two layers are named 'dense'", e.getMessage());
    }

    @Test
    void nestedLayerWithoutAFreeNameIsRefusedNamingBoth() {
        LayerNaming names = new LayerNaming();
        names.claim("dense", null);
        names.claim("encoder_dense", null);
        KerasFormatError e = assertThrows(KerasFormatError.class, () -> names.claim("dense", "encoder"));
        assertTrue(e.getMessage().contains("layer 'dense' of nested model 'encoder'")
                && e.getMessage().contains("'encoder_dense' are both taken"), e.getMessage());
    }
}
