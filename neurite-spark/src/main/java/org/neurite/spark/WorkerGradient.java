package org.neurite.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.neurite.autograd.Variable;
import org.neurite.models.Model;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;
import org.neurite.train.Loss;
import org.neurite.train.Losses;

/**
 * One worker's share of an exchange: for each batch of the window, the gradient of the loss over
 * the batch's rows this worker holds, at the broadcast weights, scaled by
 * {@code rows here / (rows in the batch · batches in the window)}. Summed over the workers this is
 * the mean of the window's batch-mean gradients: for a window of one batch, exactly the gradient a
 * single machine computes for that batch (up to the order of float additions).
 */
final class WorkerGradient implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** For the failure-recovery test: the deliberate faults that have fired in this JVM, by token. */
    private static final Set<String> FAULTS_FIRED = ConcurrentHashMap.newKeySet();

    private final ModelBroadcast model;
    private final Broadcast<float[]> weights;
    private final String lossName;
    private final WindowPlan plan;
    private final SparkFitOptions.Fault fault;   // null unless a test asked for one

    WorkerGradient(ModelBroadcast model, Broadcast<float[]> weights, String lossName, WindowPlan plan,
                   SparkFitOptions.Fault fault) {
        this.model = model;
        this.weights = weights;
        this.lossName = lossName;
        this.plan = plan;
        this.fault = fault;
    }

    GradientSum compute(Shard shard) {
        failOnceIfAsked();
        int[] positions = EpochOrder.positions(plan.rows(), plan.shuffle(), plan.seed(), plan.epoch());
        Model m = model.model();
        Loss loss = Losses.byName(lossName);
        GradientSum sum = GradientSum.zero();
        synchronized (m) {
            List<Parameter> parameters = m.network().parameters();
            Weights.load(parameters, weights.value());
            for (int step = plan.firstStep(); step < plan.firstStep() + plan.steps(); step++) {
                sum = sum.plus(batchGradient(m, parameters, loss, shard, positions, step));
            }
        }
        return sum;
    }

    private GradientSum batchGradient(Model m, List<Parameter> parameters, Loss loss, Shard shard,
                                      int[] positions, int step) {
        int from = step * plan.batchSize();
        int to = from + plan.batchRows(step);
        List<String> texts = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        for (int i = 0; i < shard.size(); i++) {
            int position = positions[(int) shard.index[i]];
            if (position >= from && position < to) {
                texts.add(shard.texts[i]);
                labels.add(shard.labels[i]);
            }
        }
        if (texts.isEmpty()) {
            return GradientSum.zero();
        }
        float[] y = new float[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        Tensor x = m.vectorizer().orElseThrow().transform(texts);
        parameters.forEach(Parameter::zeroGrad);
        Variable prediction = m.network().callAll(List.of(Variable.constant(x)), true).get(0);
        Variable batchLoss = loss.compute(prediction, Tensor.of(y, y.length, 1));
        float scale = (float) texts.size() / (plan.batchRows(step) * (float) plan.steps());
        batchLoss.mul(scale).backward();
        return new GradientSum(Weights.gradients(parameters), (double) batchLoss.value().item() * texts.size(),
                texts.size());
    }

    private void failOnceIfAsked() {
        if (fault != null && fault.epoch() == plan.epoch() && fault.step() >= plan.firstStep()
                && fault.step() < plan.firstStep() + plan.steps() && FAULTS_FIRED.add(fault.token())) {
            throw new IllegalStateException("deliberate fault in epoch " + plan.epoch() + ", step " + fault.step()
                    + " (SparkFitOptions.optFailOnceAt, for testing recovery)");
        }
    }
}
