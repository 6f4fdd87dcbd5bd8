"""Keras' parameter counts of the IMDB recipes' networks, which ImdbNetworksTest expects.

Make an environment with Keras 3 (any backend), for example
    python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch
then run `.venv/bin/python neurite-bench/imdb_param_counts.py`. KerasHub's TransformerEncoder is built
here from Keras' own layers (the same weights: a MultiHeadAttention, two LayerNormalizations, two
Denses), and its TokenAndPositionEmbedding as an Embedding plus a position table, so KerasHub itself
is not needed.
"""
import keras
from keras import layers

VOCABULARY, LENGTH = 20000, 400


def ids():
    return keras.Input((LENGTH,), dtype="int32")


def recurrent(rnn):
    return keras.Sequential([ids(), layers.Embedding(VOCABULARY, 128, mask_zero=True), rnn,
                             layers.Dropout(0.5), layers.Dense(1, activation="sigmoid")])


def cnn():
    return keras.Sequential([ids(), layers.Embedding(VOCABULARY, 64), layers.Dropout(0.2),
                             layers.Conv1D(250, 3, padding="same", activation="relu"),
                             layers.GlobalMaxPooling1D(), layers.Dense(250, activation="relu"),
                             layers.Dropout(0.2), layers.Dense(1, activation="sigmoid")])


class PositionEmbedding(layers.Layer):
    """KerasHub's PositionEmbedding: a learned (sequence_length, features) table added to the input."""

    def build(self, shape):
        self.table = self.add_weight(shape=(shape[1], shape[2]), initializer="uniform")

    def call(self, x):
        return x + self.table


def transformer():
    x = ids()
    h = PositionEmbedding()(layers.Embedding(VOCABULARY, 64)(x))
    h = layers.LayerNormalization()(h + layers.MultiHeadAttention(4, 16)(h, h))
    h = layers.LayerNormalization()(h + layers.Dense(64)(layers.Dense(128, activation="relu")(h)))
    h = layers.Dropout(0.1)(layers.GlobalAveragePooling1D()(h))
    return keras.Model(x, layers.Dense(1, activation="sigmoid")(h))


for name, model in [("imdb-lstm", recurrent(layers.LSTM(32, dropout=0.2))),
                    ("imdb-bilstm", recurrent(layers.Bidirectional(layers.LSTM(32, dropout=0.2)))),
                    ("imdb-cnn", cnn()), ("imdb-transformer", transformer())]:
    print(f"{name} {model.count_params()}")
