package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** The callbacks, driven by a one-layer regression model or by their hooks with crafted logs. */
class CallbacksTest {
    private static final Loss MSE = Losses.meanSquaredError();

    private static final Tensor X = Tensor.matrix(new float[][] {{1, 2}, {-1, 0.5f}, {0.3f, -2}, {2, 1}});
    private static final Tensor Y = Tensor.matrix(new float[][] {{1}, {-0.5f}, {0.2f}, {1.5f}});

    @TempDir
    Path dir;

    private static Trainer trainer(Optimizer optimizer) {
        return Trainer.compile(SequentialNetwork.of(Input.of(2), new Dense(1)).seed(7), optimizer, MSE);
    }

    private static FitOptions.Builder options(int epochs, Callback... callbacks) {
        return FitOptions.builder().epochs(epochs).batchSize(2).shuffle(false).callbacks(callbacks);
    }

    @Test
    void earlyStoppingStopsOncePatienceRunsOut() {
        EarlyStopping stop = new EarlyStopping("loss", 2);
        History history = trainer(new SGD(0f)).fit(X, Y, options(10, stop).build());
        // the loss never changes: epoch 0 sets the best, epochs 1 and 2 wait, training stops after epoch 2
        assertEquals(3, history.epochs());
        assertEquals(2, stop.stoppedEpoch());
        assertEquals(0, stop.bestEpoch());
    }

    @Test
    void earlyStoppingRestoresTheWeightsOfTheBestEpoch() {
        Trainer trainer = trainer(new SGD());
        Parameter kernel = trainer.model().parameters().get(0);
        EarlyStopping stop = new EarlyStopping("val_loss", 2).optRestoreBestWeights(true).optMinDelta(0.1);
        stop.onTrainBegin(trainer, options(10).build(), 2);
        double[] valLosses = {1.0, 0.5, 0.45, 0.7};
        for (int epoch = 0; epoch < valLosses.length; epoch++) {
            kernel.value().fill(epoch + 1);
            stop.onEpochEnd(trainer, epoch, logs("loss", 1.0, "val_loss", valLosses[epoch]));
        }
        // 0.45 is within minDelta of 0.5, so epoch 1 stays the best and epoch 3 exhausts the patience
        assertEquals(1, stop.bestEpoch());
        assertEquals(3, stop.stoppedEpoch());
        stop.onTrainEnd(trainer, new History());
        for (float w : kernel.value().toArray()) {
            assertEquals(2f, w);
        }
    }

    @Test
    void earlyStoppingInfersTheDirectionFromTheName() {
        Trainer trainer = trainer(new SGD());
        EarlyStopping stop = new EarlyStopping("val_accuracy", 1);
        stop.onTrainBegin(trainer, options(10).build(), 2);
        stop.onEpochEnd(trainer, 0, logs("val_accuracy", 0.5));
        stop.onEpochEnd(trainer, 1, logs("val_accuracy", 0.6));
        stop.onEpochEnd(trainer, 2, logs("val_accuracy", 0.55));
        assertEquals(1, stop.bestEpoch());
        assertEquals(2, stop.stoppedEpoch());

        EarlyStopping unknown = new EarlyStopping("val_mystery", 1);
        unknown.onTrainBegin(trainer, options(10).build(), 2);
        assertThrows(IllegalArgumentException.class, () -> unknown.onEpochEnd(trainer, 0, logs("val_mystery", 1)));
        EarlyStopping missing = new EarlyStopping();
        missing.onTrainBegin(trainer, options(10).build(), 2);
        assertThrows(IllegalArgumentException.class, () -> missing.onEpochEnd(trainer, 0, logs("loss", 1)));
    }

    @Test
    void reduceLrOnPlateauFollowsPatienceCooldownAndMinLr() {
        Trainer trainer = trainer(new SGD(0.1f));
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("val_loss", 0.5f, 2).optCooldown(1).optMinLr(0.03f);
        reduce.onTrainBegin(trainer, options(10).build(), 2);
        double[] loggedRates = new double[8];
        for (int epoch = 0; epoch < loggedRates.length; epoch++) {
            Map<String, Double> logs = logs("val_loss", 1.0);
            reduce.onEpochEnd(trainer, epoch, logs);
            loggedRates[epoch] = logs.get("learning_rate");
        }
        // epoch 0 sets the best; 1, 2 wait and reduce; 3 cools down, then 3, 4 wait and reduce to minLr;
        // 5 cools down; 6, 7 wait, but the rate is already at minLr
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.03, 0.03, 0.03};
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertEquals(expected[epoch], loggedRates[epoch], Tolerances.ROUNDING, "epoch " + epoch);
        }
        assertEquals(0.03f, trainer.optimizer().learningRate(), Tolerances.ROUNDING);
    }

    @Test
    void reduceLrOnPlateauLogsTheRateIntoHistory() {
        Trainer trainer = trainer(new SGD(0.01f));
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("loss", 0.1f, 1).optMinDelta(10);
        History history = trainer.fit(X, Y, options(3, reduce).build());
        List<Double> rates = history.get("learning_rate");
        assertEquals(3, rates.size());
        assertEquals(0.01, rates.get(0), Tolerances.ROUNDING);
        assertEquals(0.01, rates.get(1), Tolerances.ROUNDING);
        assertEquals(0.001, rates.get(2), Tolerances.ROUNDING);
        assertEquals(1e-4f, trainer.optimizer().learningRate(), Tolerances.ROUNDING);
    }

    @Test
    void csvLoggerWritesKerasRows() throws IOException {
        Path file = dir.resolve("log.csv");
        FitOptions fit = options(2, new CSVLogger(file)).validationData(X, Y).build();
        History history = trainer(new SGD(0.05f)).fit(X, Y, fit);
        assertEquals(expectedCsv(history), Files.readString(file));

        FitOptions more = options(1, new CSVLogger(file, ";", true)).build();
        History second = trainer(new SGD(0.05f)).fit(X, Y, more);
        String appended = "0;" + CSVLogger.pythonRepr(second.get("loss").get(0)) + "\r\n";
        assertEquals(expectedCsv(history) + appended, Files.readString(file));
    }

    @Test
    void csvLoggerWritesNumbersAsPythonDoes() {
        assertEquals("0.25", CSVLogger.pythonRepr(0.25));
        assertEquals("123.0", CSVLogger.pythonRepr(123));
        assertEquals("0.0001", CSVLogger.pythonRepr(1e-4));
        assertEquals("1e-05", CSVLogger.pythonRepr(1e-5));
        assertEquals("-1.5e-07", CSVLogger.pythonRepr(-1.5e-7));
        assertEquals("1e+16", CSVLogger.pythonRepr(1e16));
        assertEquals("0.30000001192092896", CSVLogger.pythonRepr(0.3f));
        assertEquals("nan", CSVLogger.pythonRepr(Double.NaN));
        assertEquals("0.0", CSVLogger.pythonRepr(0));
    }

    @Test
    void terminateOnNaNStopsAfterTheBadBatchAndKeepsTheWeightsFinite() {
        Tensor x = X.copy();
        x.set(Float.NaN, 2, 0);
        List<Integer> batches = new ArrayList<>();
        Callback count = LambdaCallback.builder().onBatchEnd((step, logs) -> batches.add(step)).build();
        Trainer trainer = trainer(new SGD(0.05f));
        History history = trainer.fit(x, Y, options(5, new TerminateOnNaN(), count).batchSize(1).build());
        assertEquals(List.of(0, 1, 2), batches);
        assertEquals(1, history.epochs());
        assertTrue(Double.isNaN(history.get("loss").get(0)));
        for (Parameter p : trainer.model().parameters()) {
            for (float w : p.value().toArray()) {
                assertTrue(Float.isFinite(w), p.path());
            }
        }
        assertThrows(ArithmeticException.class, () -> trainer(new SGD()).fit(x, Y, options(1).batchSize(1).build()));
    }

    @Test
    void lambdaCallbackFiresEachHook() {
        List<String> events = new ArrayList<>();
        Callback trace = LambdaCallback.builder()
                .onTrainBegin(() -> events.add("train"))
                .onEpochBegin(epoch -> events.add("epoch " + epoch))
                .onBatchEnd((step, logs) -> events.add("batch " + step))
                .onEpochEnd((epoch, logs) -> events.add("end " + epoch + " " + logs.keySet()))
                .onTrainEnd(history -> events.add("done " + history.epochs()))
                .build();
        trainer(new SGD()).fit(X, Y, options(2, trace).build());
        assertEquals(List.of("train", "epoch 0", "batch 0", "batch 1", "end 0 [loss]", "epoch 1", "batch 0",
                "batch 1", "end 1 [loss]", "done 2"), events);
    }

    private static String expectedCsv(History history) {
        StringBuilder csv = new StringBuilder("epoch,loss,val_loss\r\n");
        for (int epoch = 0; epoch < history.epochs(); epoch++) {
            csv.append(epoch).append(',').append(CSVLogger.pythonRepr(history.get("loss").get(epoch))).append(',')
                    .append(CSVLogger.pythonRepr(history.get("val_loss").get(epoch))).append("\r\n");
        }
        return csv.toString();
    }

    private static Map<String, Double> logs(Object... namesAndValues) {
        Map<String, Double> logs = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            logs.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return logs;
    }
}
