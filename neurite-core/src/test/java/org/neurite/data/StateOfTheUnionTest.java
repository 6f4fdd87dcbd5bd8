package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.testing.NeedsDataset;

class StateOfTheUnionTest {
    @Test
    void readsYearAndPresidentFromTheFileName() {
        Speech s = StateOfTheUnion.speech("1825_john_quincy_adams_dr.txt", "Fellow citizens");
        assertEquals(new Speech(1825, "john_quincy_adams", "Fellow citizens"), s);
        assertThrows(DatasetException.class, () -> StateOfTheUnion.speech("notes.txt", ""));
    }

    @Test
    void checksEverySpeechOfThePackageInChronologicalOrder() throws IOException {
        Map<String, String> sums = StateOfTheUnion.sums();
        assertEquals(233, sums.size());
        List<String> names = List.copyOf(sums.keySet());
        assertEquals("1790_george_washington_n.txt", names.get(0));
        assertEquals("2021_joseph_r_biden_d.txt", names.get(names.size() - 1));
        assertTrue(sums.values().stream().allMatch(s -> s.matches("[0-9a-f]{64}")));
    }

    @Test
    @NeedsDataset
    void loadsTheRealSpeeches() {
        List<Speech> speeches = StateOfTheUnion.speeches();
        assertEquals(233, speeches.size());
        assertTrue(speeches.get(0).text().startsWith("Fellow-Citizens of the Senate"));
    }

    @Test
    @NeedsDataset
    void loadsTheRealMobyDick() {
        String novel = MobyDick.text();
        assertEquals(1_190_317, novel.length());
        assertTrue(novel.startsWith("CHAPTER 1. Loomings."));
    }
}
