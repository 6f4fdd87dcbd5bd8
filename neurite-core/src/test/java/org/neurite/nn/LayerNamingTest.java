package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Automatic layer names follow Keras' {@code to_snake_case}, so they match the names Keras gives. */
class LayerNamingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Dense, dense",
        "GlobalAveragePooling1D, global_average_pooling1d",
        "GlobalMaxPooling1D, global_max_pooling1d",
        "Conv1D, conv1d",
        "LSTM, lstm",
        "GRU, gru",
        "SimpleRNN, simple_rnn",
        "MultiHeadAttention, multi_head_attention",
        "TokenAndPositionEmbedding, token_and_position_embedding",
        "RMSNormalization, rms_normalization",
        "UpSampling1D, up_sampling1d",
        "TransformerEncoder, transformer_encoder",
    })
    void autoNamesAreKerasSnakeCase(String type, String expected) {
        assertEquals(expected, Network.snakeCase(type));
    }
}
