#!/usr/bin/env python3
"""Reference values for Neurite's recurrent layers, computed by PyTorch (Debian's python3-torch).

Builds torch RNN/LSTM/GRU (and a bidirectional LSTM and GRU) on fixed random weights, converts the
weights to Keras' layout, and writes one small text fixture per case into this folder:

    name;dim1,dim2,...;v1 v2 v3 ...

Converting torch to Keras: kernel = weight_ih.T and recurrent_kernel = weight_hh.T with the gate
blocks reordered (LSTM: torch i,f,g,o is Keras i,f,c,o; GRU: torch r,z,n becomes Keras z,r,h).
LSTM and SimpleRNN have one Keras bias, b_ih + b_hh; torch's GRU is Keras' reset_after GRU, whose
bias rows are b_ih and b_hh. Each fixture holds x, the weights, r, the output (every step, or the
final state for the masked case), and the gradients of sum(output * r) w.r.t. x and the weights.

Run from anywhere: /usr/bin/python3 make_fixtures.py
"""
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH, TIME, IN, UNITS = 3, 5, 4, 6


def gate_order(kind):
    return {"rnn": [0], "lstm": [0, 1, 2, 3], "gru": [1, 0, 2]}[kind]


def to_keras(t, kind):
    """(k*u, n) torch blocks -> (n, k*u) Keras, gates reordered."""
    blocks = t.reshape(len(gate_order(kind)), UNITS, -1)
    return torch.cat([blocks[g] for g in gate_order(kind)], 0).t().contiguous()


def bias_to_keras(b, kind):
    blocks = b.reshape(len(gate_order(kind)), UNITS)
    return torch.cat([blocks[g] for g in gate_order(kind)], 0)


def keras_weights(module, kind, suffix, grads):
    get = (lambda p: p.grad) if grads else (lambda p: p.detach())
    w_ih = get(getattr(module, "weight_ih_l0" + suffix))
    w_hh = get(getattr(module, "weight_hh_l0" + suffix))
    b_ih = get(getattr(module, "bias_ih_l0" + suffix))
    b_hh = get(getattr(module, "bias_hh_l0" + suffix))
    if kind == "gru":
        bias = torch.stack([bias_to_keras(b_ih, kind), bias_to_keras(b_hh, kind)])
    elif grads:
        bias = bias_to_keras(b_ih, kind)  # d/d(b_ih + b_hh) equals d/d b_ih
    else:
        bias = bias_to_keras(b_ih + b_hh, kind)
    return to_keras(w_ih, kind), to_keras(w_hh, kind), bias


def write(name, tensors):
    with open(os.path.join(HERE, name + ".txt"), "w") as f:
        for key, t in tensors:
            t = t.detach().contiguous()
            values = " ".join("%.8g" % v for v in t.reshape(-1).tolist())
            f.write("%s;%s;%s\n" % (key, ",".join(str(d) for d in t.shape), values))


def make(kind, bidirectional=False, lengths=None, seed=0):
    torch.manual_seed(seed)
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    module = cls(IN, UNITS, batch_first=True, bidirectional=bidirectional)
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-0.5, 0.5)
    x = torch.randn(BATCH, TIME, IN, requires_grad=True)
    if lengths is None:
        out, _ = module(x)
    else:
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=True,
                                                         enforce_sorted=False)
        _, state = module(packed)
        out = (state[0] if kind == "lstm" else state)[0]
    r = torch.rand(out.shape)
    (out * r).sum().backward()
    tensors = [("x", x)]
    for direction, suffix in [("", "")] + ([("backward_", "_reverse")] if bidirectional else []):
        k, rk, b = keras_weights(module, kind, suffix, False)
        dk, drk, db = keras_weights(module, kind, suffix, True)
        tensors += [(direction + "kernel", k), (direction + "recurrent_kernel", rk), (direction + "bias", b),
                    ("grad_" + direction + "kernel", dk), ("grad_" + direction + "recurrent_kernel", drk),
                    ("grad_" + direction + "bias", db)]
    if lengths is not None:
        mask = torch.tensor([[1.0 if t < n else 0.0 for t in range(TIME)] for n in lengths])
        tensors.append(("mask", mask))
    tensors += [("r", r), ("output", out), ("grad_x", x.grad)]
    name = ("bidirectional_" if bidirectional else "") + kind + ("_masked" if lengths else "")
    write(name, tensors)


if __name__ == "__main__":
    make("rnn", seed=1)
    make("lstm", seed=2)
    make("gru", seed=3)
    make("lstm", bidirectional=True, seed=4)
    make("gru", bidirectional=True, seed=5)
    make("lstm", lengths=[5, 2, 4], seed=6)
    make("gru", lengths=[3, 5, 1], seed=7)
