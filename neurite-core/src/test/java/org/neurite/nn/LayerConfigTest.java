package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.nn.layers.Dense;
import org.neurite.testing.Tolerances;

/** Reading a layer's config back: both value forms, every refusal naming the layer and the key. */
class LayerConfigTest {
    private static final LayerConfig.Resolver NO_NESTED = (type, config) -> {
        throw config.error("no nested layers here");
    };

    @Test
    void readsValuesAsLayersWriteThem() {
        LayerConfig c = LayerConfig.of("Dense", Map.of("name", "d", "units", 3, "shape", new int[] {2, 5},
                "reg", Regularizer.l2(0.5f)), NO_NESTED);

        assertEquals("d", c.optName());
        assertEquals(3, c.intValue("units"));
        assertArrayEquals(new int[] {2, 5}, c.intArray("shape"));
        assertEquals(Regularizer.l2(0.5f), c.optRegularizer("reg"));
        c.requireAllRead();
    }

    @Test
    void readsValuesAsJsonGivesThemBack() {
        LayerConfig c = LayerConfig.of("Dense", Map.of("units", 3L, "rate", 0.25, "shape", List.of(2L, 5L),
                "reg", Map.of("l1", 0.0, "l2", 0.5)), NO_NESTED);

        assertEquals(3, c.intValue("units"));
        assertEquals(0.25f, c.floatValue("rate"), Tolerances.ROUNDING);
        assertArrayEquals(new int[] {2, 5}, c.intArray("shape"));
        assertEquals(Regularizer.l2(0.5f), c.optRegularizer("reg"));
        assertNull(c.optName());
        c.requireAllRead();
    }

    @Test
    void refusesUnknownKeysNamingTheLayerAndTheKey() {
        LayerConfig c = LayerConfig.of("Dropout", Map.of("name", "drop", "rate", 0.5, "trainable", false), NO_NESTED);
        c.optName();
        c.floatValue("rate");

        LayerConfig.Invalid e = assertThrows(LayerConfig.Invalid.class, c::requireAllRead);
        assertEquals("layer 'drop' (Dropout): unknown field [trainable]; Dropout reads [name, rate]", e.getMessage());
    }

    @Test
    void refusesMissingKeysAndWrongKinds() {
        LayerConfig c = LayerConfig.of("Dense", Map.of("name", "d", "units", "ten", "big", 1L << 40), NO_NESTED);

        assertEquals("layer 'd' (Dense): missing field 'use_bias'",
                assertThrows(LayerConfig.Invalid.class, () -> c.bool("use_bias")).getMessage());
        assertEquals("layer 'd' (Dense): 'units' must be an integer, got \"ten\"",
                assertThrows(LayerConfig.Invalid.class, () -> c.intValue("units")).getMessage());
        assertEquals("layer 'd' (Dense): 'big' must be an integer, got 1099511627776",
                assertThrows(LayerConfig.Invalid.class, () -> c.intValue("big")).getMessage());
    }

    @Test
    void refusesUnknownNamesOfActivationsAndInitializers() {
        LayerConfig c = LayerConfig.of("Dense", Map.of("name", "d", "activation", "swishy", "init", "magic"), NO_NESTED);

        assertEquals("layer 'd' (Dense): 'activation': unknown activation 'swishy'; known: ",
                assertThrows(LayerConfig.Invalid.class, () -> c.activation("activation")).getMessage()
                        .replaceFirst("known: .*", "known: "));
        assertEquals("layer 'd' (Dense): 'init': unknown initializer 'magic'; known: ",
                assertThrows(LayerConfig.Invalid.class, () -> c.initializer("init")).getMessage()
                        .replaceFirst("known: .*", "known: "));
    }

    @Test
    void nestedLayersAreMadeByTheResolverAndCheckedForExtraKeys() {
        Map<String, Object> inner = new LinkedHashMap<>(new Dense(4).config());
        Map<String, Object> wrapped = new HashMap<>(Map.of("class_name", "Dense", "config", inner));
        LayerConfig.Resolver resolver = (type, config) -> Dense.fromConfig(config);

        Layer made = LayerConfig.of("TimeDistributed", Map.of("layer", wrapped), resolver).layer("layer");
        assertEquals(4, ((Dense) made).units());

        wrapped.put("extra", 1);
        LayerConfig.Invalid e = assertThrows(LayerConfig.Invalid.class,
                () -> LayerConfig.of("TimeDistributed", Map.of("name", "td", "layer", wrapped), resolver).layer("layer"));
        assertEquals("layer 'td' (TimeDistributed).layer: unknown field [extra]; TimeDistributed reads [class_name, config]",
                e.getMessage());
    }
}
