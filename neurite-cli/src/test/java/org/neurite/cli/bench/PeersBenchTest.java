package org.neurite.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor line of the peers table tells apart hosts that share a model name. */
class PeersBenchTest {
    @Test
    void theProcessorIsNamedWithItsFamilyModelAndWidestVectors() {
        List<String> zen3 = List.of("processor\t: 0", "cpu family\t: 25", "model\t\t: 1", "model name\t: AMD EPYC",
                "flags\t\t: fpu sse2 avx fma avx2 bmi2", "", "processor\t: 1", "model name\t: Other");
        assertEquals("AMD EPYC, family 25 model 1, AVX2", PeersBench.describe(zen3));
        List<String> zen4 = List.of("cpu family\t: 25", "model\t\t: 17", "model name\t: AMD EPYC",
                "flags\t\t: avx2 avx512f avx512vl");
        assertEquals("AMD EPYC, family 25 model 17, AVX-512", PeersBench.describe(zen4));
    }

    @Test
    void aProcessorWithoutAFamilyKeepsItsModelName() {
        assertEquals("Neoverse", PeersBench.describe(List.of("model name\t: Neoverse", "Features\t: fp asimd")));
    }
}
