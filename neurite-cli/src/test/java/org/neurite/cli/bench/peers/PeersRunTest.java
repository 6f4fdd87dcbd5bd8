package org.neurite.cli.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.testing.Tolerances;

/** The orchestration over recorded peer outputs: no peer or Neurite process really runs. */
class PeersRunTest {
    private static final Workload MLP = Workload.all().getFirst();
    private static final Workload LSTM = Workload.all().get(2);
    private static final Runner NEURITE = new Runner(Runner.NEURITE, "Neurite", "", 0);
    private static final Runner TORCH_1 = new Runner("torch", "PyTorch (eager)", "python", 1);
    private static final Runner TORCH_2 = new Runner("torch", "PyTorch (eager)", "python", 2);
    private static final Runner DJL = new Runner("djl", "DJL (PyTorch engine)", "djl", 2);
    private static final long MIB = 1 << 20;

    /** Replays outputs by the command's shape; records every command it was given. */
    private static final class FakeProcesses implements ProcessRunner {
        final List<List<String>> commands = new ArrayList<>();
        int neuriteRuns;

        @Override
        public RunResult run(List<String> command, Map<String, String> env, Duration timeout) {
            commands.add(command);
            if (command.contains("setup")) {
                return command.contains("djl") ? new RunResult(3, List.of(), "peer.sh: mvn not found", 0)
                        : new RunResult(0, List.of(), "", 0);
            }
            if (command.contains("gemm")) {
                return new RunResult(0, List.of("gemm 512x512x512 180.5 GFLOPS", "gemm 1024x1024x1024 200.0 GFLOPS"), "", 0);
            }
            if (command.contains("run")) {
                boolean oneThread = command.get(command.indexOf("--threads") + 1).equals("1");
                String w = command.get(3);
                double epoch = oneThread ? 3.0 : 2.0;
                return new RunResult(0, List.of("{\"workload\": \"" + w + "\", \"epoch\": 1}",
                        "{\"workload\": \"" + w + "-infer\", \"median_s\": 0.5}",
                        "{\"workload\": \"" + w + "-summary\", \"median_s\": " + epoch + "}"), "", 900 * MIB);
            }
            neuriteRuns++;
            double epoch = neuriteRuns == 2 ? 1.2 : 1.0;
            return new RunResult(0, List.of("epoch 1: 3.0 s", "epoch_seconds=" + epoch, "predict_seconds=0.25"), "",
                    300 * MIB);
        }
    }

    private static PeersRun run(FakeProcesses fake, int rounds) {
        PeersRun.Settings settings = new PeersRun.Settings(rounds, 2, 2, 10, 20, Duration.ofMinutes(1));
        return new PeersRun(fake, Path.of("peers/peer.sh"), List.of("java", "Main"), Set.of("mlp", "lstm", "gemm"),
                settings, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void neuriteComesFirstAndEachPeerAtItsBestThreadSetting() {
        ResultTable table = run(new FakeProcesses(), 3).run(List.of(MLP), List.of(NEURITE, TORCH_1, TORCH_2));
        List<Summary> rows = table.rows(MLP, Phase.TRAIN);
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).runner().isNeurite());
        assertEquals(2, rows.get(1).runner().threads(), "the 2-thread setting was faster");
        assertEquals(1.0, rows.get(0).median(), Tolerances.ROUNDING);
        assertEquals(1.2, rows.get(0).max(), Tolerances.ROUNDING);
        assertEquals(3, rows.get(0).rounds());
    }

    @Test
    void ratioIsThePeersMedianOverNeurites() {
        ResultTable table = run(new FakeProcesses(), 3).run(List.of(MLP), List.of(NEURITE, TORCH_2));
        Summary torch = table.rows(MLP, Phase.PREDICT).get(1);
        assertEquals(2.0, table.neuriteSpeedup(MLP, Phase.PREDICT, torch), Tolerances.ROUNDING);
        assertTrue(table.markdown().contains("| 2.00x |"), table.markdown());
    }

    @Test
    void lowerBoundUsesTheGemmPeakOfTheSameRun() {
        ResultTable table = run(new FakeProcesses(), 1).run(List.of(MLP), List.of(NEURITE));
        assertEquals(MLP.trainFlops() / 200e9, table.lowerBoundSeconds(MLP, Phase.TRAIN), 1e-12);
        assertTrue(table.markdown().contains("200.0 GFLOPS"));
    }

    @Test
    void aPeerThatCannotBeInstalledIsReportedAndNeverRun() {
        FakeProcesses fake = new FakeProcesses();
        ResultTable table = run(fake, 2).run(List.of(MLP), List.of(NEURITE, DJL));
        assertTrue(table.markdown().contains("- DJL (PyTorch engine): cannot be installed: peer.sh: mvn not found"),
                table.markdown());
        assertFalse(fake.commands.stream().anyMatch(c -> c.contains("run") && c.contains("djl")));
        assertEquals(1, table.rows(MLP, Phase.TRAIN).size());
    }

    @Test
    void neuritesRecurrentFiguresAreScaledToTheFullEpoch() {
        ResultTable table = run(new FakeProcesses(), 1).run(List.of(LSTM), List.of(NEURITE));
        // 10 batches of 64 ran: 640 of 25,000 sequences; then 10 batches of 256 were predicted
        assertEquals(1.0 * 25_000 / 640, table.rows(LSTM, Phase.TRAIN).getFirst().median(), Tolerances.ROUNDING);
        assertEquals(0.25 * 25_000 / 2560, table.rows(LSTM, Phase.PREDICT).getFirst().median(), Tolerances.ROUNDING);
    }

    @Test
    void neuritePredictsAsManyRecurrentSequencesAsThePeers() {
        FakeProcesses fake = new FakeProcesses();
        run(fake, 1).run(List.of(LSTM), List.of(NEURITE));
        assertTrue(fake.commands.contains(List.of("java", "Main", "bench", "lstm", "--cell", "lstm", "--samples", "640",
                "--predict-samples", "2560", "--epochs", "2")), fake.commands.toString());
    }

    @Test
    void aWorkloadWithoutANeuriteBenchIsReportedAsMissing() {
        Workload conv = Workload.all().getLast();
        ResultTable table = run(new FakeProcesses(), 1).run(List.of(conv), List.of(NEURITE, TORCH_2));
        assertTrue(table.markdown().contains("Neurite, W4 Conv1D: this build has no `neurite bench conv`"));
        assertEquals(1, table.rows(conv, Phase.TRAIN).size());
    }

    @Test
    void chartIsWrittenWithGapsWhereALibraryDidNotRun(@TempDir Path dir) throws Exception {
        Workload conv = Workload.all().getLast();
        ResultTable table = run(new FakeProcesses(), 1).run(List.of(MLP, LSTM, conv), List.of(NEURITE, TORCH_2, DJL));
        Path png = dir.resolve("peers.png");
        assertTrue(PeersChart.write(table, List.of(MLP, LSTM, conv), png));
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 0);
    }

    @Test
    void noChartWithoutNeuritesFigures(@TempDir Path dir) throws Exception {
        ResultTable table = run(new FakeProcesses(), 1).run(List.of(MLP), List.of(TORCH_2));
        assertFalse(PeersChart.write(table, List.of(MLP), dir.resolve("peers.png")));
    }

    @Test
    void peerCommandsCarryThreadsBatchAndBatchLimit() {
        FakeProcesses fake = new FakeProcesses();
        run(fake, 1).run(List.of(LSTM), List.of(TORCH_1));
        assertTrue(fake.commands.contains(List.of("peers/peer.sh", "run", "torch", "lstm", "--threads", "1",
                "--batch", "64", "--epochs", "2", "--max-batches", "10")), fake.commands.toString());
    }
}
