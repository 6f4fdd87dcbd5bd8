#!/usr/bin/env bash
# W3 (keras.io's transformer text classifier) and W4 (its Conv1D text classifier): Neurite against
# PyTorch and Keras 3 on TensorFlow, alternately in one run, so that all see the same load.
#
# Each round runs, one after the other, for W3 then W4: `./neurite bench transformer|conv`, the
# PyTorch peer (2 threads, its best setting on 2 cores) and the Keras peer (TensorFlow's defaults).
# Every side trains two epochs on the first --samples sequences and reports its second (warm) epoch,
# then predicts; all figures are scaled to 25,000 sequences. PEER_PYTHON is a Python with torch,
# keras and tensorflow-cpu installed (see peers/README.md; `neurite bench peers` installs one).
#
#   PEER_PYTHON=.venv/bin/python neurite-bench/compare_attention_conv.sh --samples 3200 --rounds 2
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PEER_PYTHON:-python3}
samples=3200
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--samples N] [--rounds R]" >&2; exit 2 ;;
  esac
done
batches=$(( (samples + 31) / 32 ))

value() { grep -o "$1=[0-9.]*" <<<"$2" | tail -1 | cut -d= -f2; }
# field WORKLOAD KEY [EPOCH] TEXT: KEY of the JSON line whose workload is WORKLOAD (and epoch EPOCH)
field() {
  python3 -c "
import json, sys
for line in sys.stdin:
    try: d = json.loads(line)
    except ValueError: continue
    if d.get('workload') == sys.argv[1] and (sys.argv[3] == '' or d.get('epoch') == int(sys.argv[3])):
        print(f\"{d[sys.argv[2]]:.2f}\")" "$1" "$2" "${3:-}" <<<"$4" | tail -1
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

"$root/neurite" --help >/dev/null   # builds the CLI first if sources changed, outside the timings
echo "samples=$samples (figures scaled to 25000) rounds=$rounds load=$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for w in transformer conv; do
    out=$("$root/neurite" bench "$w" --samples "$samples" --epochs 2 2>/dev/null)
    n_epoch=$(value epoch_seconds "$out"); n_predict=$(value predict_seconds "$out")
    tout=$("$python" "$root/neurite-bench/peers/torch/bench_torch.py" "$w" --threads 2 --epochs 2 \
        --max-batches "$batches" --infer-runs 3 2>/dev/null)
    t_epoch=$(field "$w" epoch_s_extrapolated 2 "$tout"); t_predict=$(field "$w-infer" median_s "" "$tout")
    kout=$("$python" "$root/neurite-bench/peers/keras/bench_keras.py" "$w" --epochs 2 \
        --max-batches "$batches" --infer-runs 3 2>/dev/null)
    k_epoch=$(field "$w-summary" median_s "" "$kout"); k_predict=$(field "$w-infer" median_s "" "$kout")
    echo "round $r $w: epoch_s neurite=$n_epoch torch=$t_epoch keras=$k_epoch" \
      "(torch/neurite=$(ratio "$t_epoch" "$n_epoch") keras/neurite=$(ratio "$k_epoch" "$n_epoch"))" \
      "| predict_s neurite=$n_predict torch=$t_predict keras=$k_predict" \
      "(torch/neurite=$(ratio "$t_predict" "$n_predict") keras/neurite=$(ratio "$k_predict" "$n_predict"))"
  done
done
echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
