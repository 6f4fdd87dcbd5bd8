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
    void neuriteOutputTakesTheMedianOfTheEpochsAfterTheFirstAndScalesIt() {
        Map<Phase, Double> figures = RunOutput.neurite(List.of("epoch_seconds=9.00", "epoch_seconds=2.50",
                "epoch_seconds=2.00", "epoch_seconds=3.00", "predict_seconds=0.50", "allocated_bytes_per_step=100"),
                Map.of(Phase.TRAIN, 10.0, Phase.PREDICT, 4.0));
        assertEquals(25.0, figures.get(Phase.TRAIN), Tolerances.ROUNDING);
        assertEquals(2.0, figures.get(Phase.PREDICT), Tolerances.ROUNDING);
        Map<Phase, Double> twoWarm = RunOutput.neurite(List.of("epoch_seconds=9.00", "epoch_seconds=2.00",
                "epoch_seconds=3.00"), Map.of(Phase.TRAIN, 1.0, Phase.PREDICT, 1.0));
        assertEquals(2.5, twoWarm.get(Phase.TRAIN), Tolerances.ROUNDING);
    }

    @Test
    void neuriteOutputWithOneEpochLineTakesIt() {
        Map<Phase, Double> figures = RunOutput.neurite(List.of("epoch 1: 2.0 s", "epoch_seconds=0.60"),
                Map.of(Phase.TRAIN, 1.0, Phase.PREDICT, 1.0));
        assertEquals(0.6, figures.get(Phase.TRAIN), Tolerances.ROUNDING);
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
    void flopCountsPerSampleAgreeWithThePeersScript() {
        // `python3 neurite-bench/peers/flops.py`: forward and training FLOP per sample of each workload
        assertEquals(469_504, WorkloadFlops.mlpForward(1));
        assertEquals(1_007_104, WorkloadFlops.mlpTrain(1));
        assertEquals(52_429_056, WorkloadFlops.recurrentForward(4, 1));
        assertEquals(157_287_168, WorkloadFlops.recurrentTrain(4, 1));
        assertEquals(39_321_856, WorkloadFlops.recurrentForward(3, 1));
        assertEquals(117_965_568, WorkloadFlops.recurrentTrain(3, 1));
        assertEquals(14_337_360, WorkloadFlops.transformerForward(1));
        assertEquals(43_012_080, WorkloadFlops.transformerTrain(1));
        assertEquals(50_036_992, WorkloadFlops.convForward(1));
        assertEquals(150_110_976, WorkloadFlops.convTrain(1));
    }

    @Test
    void workloadsCountTheirEpochAndPredictionOverTheirOwnSamples() {
        // flops.py: W1 epoch 60.4 GFLOP and prediction 4.7; W3 epoch 1075.3 and prediction 358.4
        Workload mlp = Workload.all().getFirst();
        Workload transformer = Workload.all().get(4);
        assertEquals(1_007_104.0 * 60_000, mlp.trainFlops());
        assertEquals(469_504.0 * 10_000, mlp.predictFlops());
        assertEquals(43_012_080.0 * 25_000, transformer.trainFlops());
        assertEquals(14_337_360.0 * 25_000, transformer.predictFlops());
    }

    @Test
    void workloadGroupsSelectBothBatchSizesOrBothCells() {
        List<String> labels = Workload.of(List.of("w2", "W1")).stream().map(Workload::label).toList();
        assertEquals(List.of("W1 MLP, batch 128", "W1 MLP, batch 32", "W2 Embedding-LSTM", "W2 Embedding-GRU"), labels);
        assertEquals(Workload.all(), Workload.of(List.of("W1", "W2", "W3", "W4")));
    }

    @Test
    void anUnknownWorkloadGroupIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.of(List.of("W1", "W5")));
        assertEquals("expected W1, W2, W3 or W4, found 'W5'", e.getMessage());
    }

    @Test
    void progressLineGivesTheFiguresOrTheFailureAndTheWallTime() {
        Map<Phase, Double> figures = new java.util.EnumMap<>(Map.of(Phase.TRAIN, 68.57, Phase.PREDICT, 0.02912));
        assertEquals("epoch 68.6 s, predict 0.0291 s (ran 12 s)", PeersRun.progress(figures, null, 12.3));
        assertEquals("failed: exit status 1 (ran 3 s)", PeersRun.progress(Map.of(), "failed: exit status 1", 2.6));
    }

    @Test
    void secondsKeepThreeSignificantDigits() {
        assertEquals("0.0291", ResultTable.seconds(0.02912));
        assertEquals("68.6", ResultTable.seconds(68.57));
        assertEquals("1.38", ResultTable.seconds(1.3812));
    }
}
