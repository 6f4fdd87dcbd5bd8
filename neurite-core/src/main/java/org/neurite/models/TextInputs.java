package org.neurite.models;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.text.TextVectorization;

/**
 * Splits a functional graph that starts from raw texts into the text vectorization and the network
 * behind it: the {@link TextVectorization} applied to an {@link Input#ofStrings} input is replaced
 * by a numeric input of its output shape, and every layer downstream is applied again to the new
 * tensors (the same layer objects, so nothing is copied). Networks compute on tensors only; the
 * model object runs the vectorizer on its texts first.
 *
 * <pre>{@code
 * TextInputs split = TextInputs.split(List.of(text), List.of(probability));
 * split.vectorizer();   // the TextVectorization applied to text
 * split.inputs();       // Input "text" of shape (sequence_length), feeding the same layers
 * }</pre>
 */
final class TextInputs {
    private final List<SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;
    private final TextVectorization vectorizer;

    private TextInputs(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs, TextVectorization vectorizer) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.vectorizer = vectorizer;
    }

    /**
     * The graph between {@code inputs} and {@code outputs} with its string input, if any, replaced.
     *
     * @throws IllegalArgumentException when more than one input holds texts, or a string input is read
     *     by anything but one TextVectorization
     */
    static TextInputs split(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
        List<SymbolicTensor> strings = inputs.stream().filter(SymbolicTensor::isStrings).toList();
        if (strings.isEmpty()) {
            return new TextInputs(inputs, outputs, null);
        }
        if (strings.size() > 1) {
            throw new IllegalArgumentException("Model: inputs " + strings.stream().map(SymbolicTensor::inputName).toList()
                    + " all hold texts; a model reads texts through one TextVectorization, so give it one string input");
        }
        SymbolicTensor text = strings.get(0);
        SymbolicTensor vectorized = theVectorization(text, outputs);
        SymbolicTensor replacement = Input.named(text.inputName(), vectorized.shape());
        Map<SymbolicTensor, SymbolicTensor> rebuilt = new IdentityHashMap<>();
        rebuilt.put(vectorized, replacement);
        List<SymbolicTensor> newInputs = inputs.stream().map(t -> t == text ? replacement : t).toList();
        inputs.forEach(t -> rebuilt.putIfAbsent(t, t));
        List<SymbolicTensor> newOutputs = outputs.stream().map(t -> rebuild(t, rebuilt)).toList();
        return new TextInputs(newInputs, newOutputs, (TextVectorization) vectorized.layer());
    }

    /** The single application of a TextVectorization to {@code text}; anything else reading it is refused. */
    private static SymbolicTensor theVectorization(SymbolicTensor text, List<SymbolicTensor> outputs) {
        List<SymbolicTensor> readers = new ArrayList<>();
        collectReaders(text, outputs, readers, new IdentityHashMap<>());
        if (readers.size() != 1 || !(readers.get(0).layer() instanceof TextVectorization)) {
            throw new IllegalArgumentException("Model: input '" + text.inputName() + "' holds texts, so exactly one"
                    + " TextVectorization must read it; got " + (readers.isEmpty() ? "none"
                    : readers.stream().map(r -> "'" + r.layer().name() + "' (" + r.layer().type() + ")").toList()));
        }
        if (readers.get(0).inputs().size() != 1) {
            throw new IllegalArgumentException("Model: a TextVectorization reads one string input, got "
                    + readers.get(0).inputs().size());
        }
        return readers.get(0);
    }

    private static void collectReaders(SymbolicTensor text, List<SymbolicTensor> from, List<SymbolicTensor> readers,
                                       Map<SymbolicTensor, Boolean> seen) {
        for (SymbolicTensor t : from) {
            if (seen.put(t, Boolean.TRUE) != null || t.isInput()) {
                continue;
            }
            if (t.inputs().stream().anyMatch(i -> i == text)) {
                readers.add(t);
            }
            collectReaders(text, t.inputs(), readers, seen);
        }
    }

    /** {@code t} computed from the replaced tensors: each layer applied again to its rebuilt inputs. */
    private static SymbolicTensor rebuild(SymbolicTensor t, Map<SymbolicTensor, SymbolicTensor> rebuilt) {
        SymbolicTensor done = rebuilt.get(t);
        if (done != null) {
            return done;
        }
        if (t.isInput()) {
            throw new IllegalArgumentException("Model: an output depends on input '" + t.inputName()
                    + "', which is not among the model's inputs");
        }
        SymbolicTensor[] args = t.inputs().stream().map(i -> rebuild(i, rebuilt)).toArray(SymbolicTensor[]::new);
        SymbolicTensor again = t.layer().apply(args);
        rebuilt.put(t, again);
        return again;
    }

    List<SymbolicTensor> inputs() {
        return inputs;
    }

    List<SymbolicTensor> outputs() {
        return outputs;
    }

    /** The vectorizer of the string input, or null when no input holds texts. */
    TextVectorization vectorizer() {
        return vectorizer;
    }
}
