package org.neurite.cli.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

/** The pieces of the report: output parsing, the marked section, and the FLOP counts. */
class ReportPartsTest {

    @Test
    void peerOutputGivesTheSummaryEpochAndTheInferencePass() {
        Map<Phase, Double> figures = RunOutput.peer(List.of("{\"engine\":\"PyTorch\"}", "warning: {not json",
                "{\"workload\": \"gru\", \"epoch\": 1, \"measured_s\": 9.0}",
                "{\"workload\": \"gru-infer\", \"median_s\": 4.5}",
                "{\"workload\": \"gru-summary\", \"median_s\": 70.25}"), "gru");
        assertEquals(Map.of(Phase.TRAIN, 70.25, Phase.PREDICT, 4.5), figures);
        assertTrue(RunOutput.peer(List.of("{\"workload\": \"lstm-summary\", \"median_s\": 1}"), "gru").isEmpty());
    }

    @Test
    void neuriteOutputTakesTheLastEpochAndScalesIt() {
        Map<Phase, Double> figures = RunOutput.neurite(List.of("epoch_seconds=3.00", "epoch_seconds=2.00",
                "predict_seconds=0.50", "allocated_bytes_per_step=100"), 10);
        assertEquals(20.0, figures.get(Phase.TRAIN), Tolerances.ROUNDING);
        assertEquals(5.0, figures.get(Phase.PREDICT), Tolerances.ROUNDING);
    }

    @Test
    void rerunReplacesOnlyTheMarkedSection() {
        String doc = "# Performance\n\nintro\n";
        String once = MarkedSection.replace(doc, "table one");
        String twice = MarkedSection.replace(once + "\n## Later section\n", "table two");
        assertTrue(once.startsWith(doc));
        assertTrue(twice.contains("table two") && !twice.contains("table one"), twice);
        assertTrue(twice.endsWith("## Later section\n"));
        assertEquals(twice.indexOf(MarkedSection.BEGIN), twice.lastIndexOf(MarkedSection.BEGIN), "one begin marker");
    }

    @Test
    void markersInTheWrongOrderAreRefused() {
        String doc = MarkedSection.END + "\n" + MarkedSection.BEGIN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(doc, "x"));
        assertTrue(e.getMessage().contains("PERFORMANCE.md"));
    }

    @Test
    void flopCountsAgreeWithThePeersScript() {
        // neurite-bench/peers/flops.py: W1 train 1,007,104 FLOP per sample; W2 LSTM forward 52.43 MFLOP per sequence
        assertEquals(1_007_104.0 * 60_000, WorkloadFlops.mlpTrain(60_000), 1);
        assertEquals(469_504.0 * 10_000, WorkloadFlops.mlpForward(10_000), 1);
        assertEquals(52_428_800.0, WorkloadFlops.recurrentForward(4, 1), 2.0 * 128 + 1);
        assertEquals(3 * WorkloadFlops.convForward(7), WorkloadFlops.convTrain(7), 1);
    }

    @Test
    void secondsKeepThreeSignificantDigits() {
        assertEquals("0.0291", ResultTable.seconds(0.02912));
        assertEquals("68.6", ResultTable.seconds(68.57));
        assertEquals("1.38", ResultTable.seconds(1.3812));
    }
}
