package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.models.Model;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * The code of docs/guide/16-encoder-decoder.md: keras.io's character-level sequence-to-sequence
 * example (lstm_seq2seq) translated line by line, trained to reverse strings of four digits.
 */
class EncoderDecoderChapterTest {
    /** Exactly the same numbers: a reloaded model computes what was saved. */
    private static final float IDENTICAL = 0f;
    /** Reversing four digits is easy: after training, nearly every digit of unseen strings comes out right. */
    private static final double LEARNED_DIGIT_ACCURACY = 0.95;
    private static final int DIGITS = 10;
    private static final int START = 10;        // the decoder's "\t"
    private static final int END = 11;          // the decoder's "\n"
    private static final int TOKENS = 12;
    private static final int LENGTH = 4;

    @Test
    void encoderDecoderLearnsToReverseDigitsAndSurvivesSaving(@TempDir Path dir) throws Exception {
        int[][] train = digitStrings(new Rng(1), 3000);
        int[][] test = digitStrings(new Rng(2), 200);
        Tensor encoderInputData = oneHot(train, false, DIGITS);
        Tensor decoderInputData = decoderInputs(train);
        Tensor decoderTargetData = decoderTargets(train);

        // tag::training-model[]
        int latentDim = 64;
        SymbolicTensor encoderInputs = Input.of(-1, DIGITS);                 // (None, None, 10)
        LSTM encoder = LSTM.builder().setUnits(latentDim).optReturnState(true).build();
        List<SymbolicTensor> encoderOut = encoder.applyAll(encoderInputs);   // outputs, state_h, state_c
        List<SymbolicTensor> encoderStates = encoderOut.subList(1, 3);       // keep only the states

        SymbolicTensor decoderInputs = Input.of(-1, TOKENS);                 // (None, None, 12)
        LSTM decoderLstm = LSTM.builder().setUnits(latentDim).optReturnSequences(true).optReturnState(true).build();
        List<SymbolicTensor> decoderOut = decoderLstm.applyAll(decoderInputs, encoderStates);  // initial_state
        Dense decoderDense = new Dense(TOKENS, Activation.SOFTMAX);
        SymbolicTensor decoderOutputs = decoderDense.apply(decoderOut.get(0));

        Model model = new Model(List.of(encoderInputs, decoderInputs), List.of(decoderOutputs)).seed(7);
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History history = model.fit(List.of(encoderInputData, decoderInputData), List.of(decoderTargetData),
                FitOptions.builder().batchSize(64).epochs(12).build());
        // end::training-model[]
        List<Double> accuracy = history.get("accuracy");
        assertTrue(accuracy.get(accuracy.size() - 1) > LEARNED_DIGIT_ACCURACY, "teacher-forced accuracy " + accuracy);

        Path file = dir.resolve("seq2seq.neurite");
        // tag::save[]
        model.save(file);
        Model again = Model.load(file);
        // end::save[]
        List<Tensor> probe = List.of(oneHot(test, false, DIGITS), decoderInputs(test));
        assertArrayEquals(model.predictAll(probe).get(0).toArray(), again.predictAll(probe).get(0).toArray(),
                IDENTICAL);
        assertTrue(Files.size(file) > 0);

        // tag::inference-models[]
        Model encoderModel = new Model(List.of(encoderInputs), encoderStates);

        SymbolicTensor decoderStateInputH = Input.of(latentDim);
        SymbolicTensor decoderStateInputC = Input.of(latentDim);
        List<SymbolicTensor> step = decoderLstm.applyAll(decoderInputs,
                List.of(decoderStateInputH, decoderStateInputC));            // the same layer, its weights shared
        Model decoderModel = new Model(List.of(decoderInputs, decoderStateInputH, decoderStateInputC),
                List.of(decoderDense.apply(step.get(0)), step.get(1), step.get(2)));
        // end::inference-models[]

        int[][] decoded = decodeSequence(encoderModel, decoderModel, oneHot(test, false, DIGITS));
        int right = 0;
        for (int s = 0; s < test.length; s++) {
            for (int t = 0; t < LENGTH; t++) {
                right += decoded[s][t] == test[s][LENGTH - 1 - t] ? 1 : 0;
            }
        }
        double greedyAccuracy = right / (double) (test.length * LENGTH);
        assertTrue(greedyAccuracy > LEARNED_DIGIT_ACCURACY, "greedy decoding got " + greedyAccuracy + " of the digits");
        assertEquals(encoderModel.predictAll(List.of(oneHot(test, false, DIGITS))).size(), 2);
    }

    /** Greedy decoding, as the Keras example's decode_sequence, for a whole batch at once. */
    private static int[][] decodeSequence(Model encoderModel, Model decoderModel, Tensor inputSeq) {
        int n = inputSeq.dim(0);
        // tag::decode[]
        List<Tensor> statesValue = encoderModel.predictAll(List.of(inputSeq));   // [h, c]
        Tensor targetSeq = Tensor.zeros(n, 1, TOKENS);
        for (int s = 0; s < n; s++) {
            targetSeq.data()[s * TOKENS + START] = 1f;                            // begin with the start token
        }
        int[][] decoded = new int[n][LENGTH + 1];
        for (int t = 0; t <= LENGTH; t++) {
            List<Tensor> out = decoderModel.predictAll(List.of(targetSeq, statesValue.get(0), statesValue.get(1)));
            targetSeq = Tensor.zeros(n, 1, TOKENS);
            for (int s = 0; s < n; s++) {
                int token = argmax(out.get(0).data(), s * TOKENS, TOKENS);       // the likeliest next token
                decoded[s][t] = token;
                targetSeq.data()[s * TOKENS + token] = 1f;                        // fed back as the next input
            }
            statesValue = out.subList(1, 3);                                      // update states
        }
        // end::decode[]
        return decoded;
    }

    private static int argmax(float[] values, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static int[][] digitStrings(Rng rng, int n) {
        int[][] strings = new int[n][LENGTH];
        for (int[] s : strings) {
            for (int t = 0; t < LENGTH; t++) {
                s[t] = Math.min(DIGITS - 1, (int) rng.uniform(0f, DIGITS));
            }
        }
        return strings;
    }

    /** {@code (n, time, classes)} one-hot rows of {@code tokens}, reversed when asked. */
    private static Tensor oneHot(int[][] tokens, boolean reversed, int classes) {
        List<int[]> rows = new ArrayList<>();
        for (int[] s : tokens) {
            int[] r = s.clone();
            if (reversed) {
                for (int t = 0; t < r.length; t++) {
                    r[t] = s[s.length - 1 - t];
                }
            }
            rows.add(r);
        }
        int time = rows.get(0).length;
        Tensor out = Tensor.zeros(rows.size(), time, classes);
        for (int s = 0; s < rows.size(); s++) {
            for (int t = 0; t < time; t++) {
                out.data()[(s * time + t) * classes + rows.get(s)[t]] = 1f;
            }
        }
        return out;
    }

    /** Teacher forcing: the decoder reads the start token, then the reversed digits. */
    private static Tensor decoderInputs(int[][] strings) {
        int[][] in = new int[strings.length][LENGTH + 1];
        for (int s = 0; s < strings.length; s++) {
            in[s][0] = START;
            for (int t = 0; t < LENGTH; t++) {
                in[s][t + 1] = strings[s][LENGTH - 1 - t];
            }
        }
        return oneHot(in, false, TOKENS);
    }

    /** What the decoder must write: the reversed digits, then the end token (its input one step ahead). */
    private static Tensor decoderTargets(int[][] strings) {
        int[][] out = new int[strings.length][LENGTH + 1];
        for (int s = 0; s < strings.length; s++) {
            for (int t = 0; t < LENGTH; t++) {
                out[s][t] = strings[s][LENGTH - 1 - t];
            }
            out[s][LENGTH] = END;
        }
        return oneHot(out, false, TOKENS);
    }
}
