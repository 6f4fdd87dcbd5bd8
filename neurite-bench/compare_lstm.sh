#!/usr/bin/env bash
# Neurite's LSTM epoch against PyTorch's, alternately in one run, so that both see the same load.
#
# The workload is the issue's: Embedding(20000, 128) -> LSTM(128) -> Dense(1, sigmoid), Adam, batch 64,
# sequences of length 200 (random ids), then prediction with batch 256. Each round runs, one after the
# other: `./neurite bench lstm` (LSTM), the PyTorch peer (Debian's python3-torch on OpenBLAS, at its
# best settings: ../shared/peers/torch/run.sh), and `./neurite bench lstm --cell gru` (PyTorch's
# peer has no GRU). Neurite times two epochs and the second (warm) one is reported; PyTorch's first
# epoch is reported (it has no JIT to warm up). With --samples below 25,000, both extrapolate to a
# 25,000-sequence epoch and prediction.
#
#   neurite-bench/compare_lstm.sh                      # one full round: about 8 minutes on 2 cores
#   neurite-bench/compare_lstm.sh --samples 2560 --rounds 3
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
peer=${TORCH_PEER:-$root/../shared/peers/torch/run.sh}
samples=25000
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--samples N] [--rounds R]" >&2; exit 2 ;;
  esac
done
full=25000
batches=$(( (samples + 63) / 64 ))

# value KEY TEXT: the last `KEY=value` in TEXT
value() { grep -o "$1=[0-9.]*" <<<"$2" | tail -1 | cut -d= -f2; }
scale() { python3 -c "print(f'{$1 * $full / $samples:.2f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

"$root/neurite" --help >/dev/null   # builds the CLI first if sources changed, outside the timings
echo "samples=$samples (figures scaled to $full) rounds=$rounds load=$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  out=$("$root/neurite" bench lstm --samples "$samples" --epochs 2 2>/dev/null)
  n_epoch=$(scale "$(value epoch_seconds "$out")")
  n_predict=$(scale "$(value predict_seconds "$out")")

  # The peer extrapolates its epoch to 25,000 itself; its prediction covers max-batches x 256 sequences.
  max=$([ "$samples" -lt "$full" ] && echo "--max-batches $batches" || echo "")
  # The peer's script reads MNIST_DIR at start even for the LSTM workload, which does not use it.
  tout=$(MNIST_DIR=${MNIST_DIR:-unused} "$peer" lstm --epochs 1 --infer-runs 1 $max 2>/dev/null)
  t_epoch=$(python3 -c "
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    if d.get('workload') == 'lstm': print(f\"{d['epoch_s_extrapolated']:.2f}\")" <<<"$tout")
  t_predict=$(python3 -c "
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    if d.get('workload') == 'lstm-infer': print(f\"{d['median_s'] * $full / d['samples']:.2f}\")" <<<"$tout")

  gout=$("$root/neurite" bench lstm --cell gru --samples "$samples" --epochs 2 2>/dev/null)
  g_epoch=$(scale "$(value epoch_seconds "$gout")")

  echo "round $r: neurite_lstm_epoch_s=$n_epoch torch_lstm_epoch_s=$t_epoch torch/neurite=$(ratio "$t_epoch" "$n_epoch")" \
    "| neurite_predict_s=$n_predict torch_predict_s=$t_predict torch/neurite=$(ratio "$t_predict" "$n_predict")" \
    "| neurite_gru_epoch_s=$g_epoch"
done
echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
