package org.neurite.io;

import java.util.Map;
import org.neurite.tensor.Tensor;
import org.neurite.train.Optimizer;
import org.neurite.train.Trainer;

/**
 * An optimizer's state as saved in a model file, so that training can resume where it stopped: its
 * Keras name, its hyper-parameters (for now the learning rate at the time of saving), its step
 * count, and its per-weight state tensors keyed as {@link Optimizer#state()} keys them
 * ({@code dense.kernel/0}). The loader has checked that every key names a weight of the loaded
 * model and has that weight's shape.
 *
 * <pre>{@code
 * LoadedModel loaded = ModelFile.load(checkpoint);
 * Trainer trainer = Trainer.compile(loaded.model(), new Adam(1e-3f), loss);
 * loaded.optimizerState().orElseThrow().restoreInto(trainer);
 * trainer.fit(x, y, FitOptions.builder().epochs(10).initialEpoch(epochsDone).build());
 * }</pre>
 *
 * @param config the optimizer's hyper-parameters by Keras name ({@code learning_rate})
 */
public record OptimizerState(String name, Map<String, Double> config, long iterations, Map<String, Tensor> slots) {
    /**
     * Gives {@code trainer}'s optimizer this state and step count; the trainer must hold the model
     * this state was loaded with.
     *
     * @throws IllegalArgumentException if the trainer's optimizer is of another kind
     */
    public void restoreInto(Trainer trainer) {
        Optimizer optimizer = trainer.optimizer();
        if (!optimizer.name().equals(name)) {
            throw new IllegalArgumentException("the saved state is of optimizer '" + name + "', the trainer's is '"
                    + optimizer.name() + "'");
        }
        optimizer.loadState(trainer.model().parameters(), slots);
        optimizer.setIterations(iterations);
    }
}
