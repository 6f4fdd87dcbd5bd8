#!/usr/bin/env bash
# Time to the first result from the shell, each command a cold JVM started by `./neurite`, with the
# start-up cache (the launcher's default) and without it (NEURITE_AOT=0), alternately in one run so
# that every setting sees the same load:
#   - `neurite --version` (the floor: launcher, JVM and command line, no work),
#   - `neurite summary mnist-mlp`,
#   - `neurite predict --model MODEL --text "..."` on a saved IMDB LSTM model,
#   - the first MNIST MLP training epoch against the second (`neurite bench mlp --epochs 2`, the
#     times it prints; the JVM's start and the data's loading are outside them).
# Prints each run (wall clock/CPU seconds, CPU being user + system time of the launcher and the JVM),
# then per command and setting the median wall clock with min-max, and the median CPU time, which a
# loaded machine distorts less than the wall clock.
#
#   neurite-bench/startup.sh [--rounds R] [--epoch-rounds E] [--model FILE] [CHECKOUT...]
#
# CHECKOUTs (default: this one) are source trees whose `./neurite` is timed, in turn, for a before
# and after in one run, e.g. a worktree of an older commit (`git worktree add ../neurite-old REV`) and `.`.
# MODEL defaults to out/imdb-lstm/model.neurite, trained first (`neurite train imdb-lstm --epochs 1`,
# a few minutes) when it is missing. A checkout older than model file format version 2 cannot read a
# model saved by a newer one: give such a before-checkout's own model, or train MODEL with it. Each checkout's jar and start-up cache are built before timing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=7
epoch_rounds=3
model="$root/out/imdb-lstm/model.neurite"
checkouts=()
usage="usage: $0 [--rounds R] [--epoch-rounds E] [--model FILE] [CHECKOUT...]"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=${2:?$usage}; shift 2 ;;
    --epoch-rounds) epoch_rounds=${2:?$usage}; shift 2 ;;
    --model) model=${2:?$usage}; shift 2 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) checkouts+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[ ${#checkouts[@]} -gt 0 ] || checkouts=("$root")
text="A moving story with fine actors, though the ending dragged on far too long."

for c in "${checkouts[@]}"; do   # the jar and the start-up cache are made outside the timings
  "$c/neurite" --version >/dev/null
  NEURITE_AOT=0 "$c/neurite" --version >/dev/null
done
if [ ! -f "$model" ]; then
  echo "startup: $model is missing; training it (neurite train imdb-lstm --epochs 1)..." >&2
  "${checkouts[0]}/neurite" train imdb-lstm --epochs 1 --out "$(dirname "$model")" >/dev/null
fi

# A model saved before format version 2 ends with a SHA-256, which a one-shot predict computes without the
# JVM's SHA instructions (C2's alone): say so, as its predict times are not those of a file saved today.
version=$(od -An -t u4 -j 8 -N 4 "$model" | tr -d ' ')
if [ "$version" = 1 ]; then
  echo "startup: $model is a format version 1 file (SHA-256 checksum); a model saved by this checkout is version 2" >&2
fi

# settings: "CHECKOUT-INDEX AOT" pairs, each timed once per round, the order rotated every round
settings=()
for i in "${!checkouts[@]}"; do settings+=("$i 1" "$i 0"); done
label() { echo "$(basename "${checkouts[$1]}"):$([ "$2" = 1 ] && echo cache || echo no-cache)"; }
rotated() {   # rotated ROUND: the settings, starting from the ROUND-th
  local n=${#settings[@]} k
  for ((k = 0; k < n; k++)); do echo "${settings[$(((k + $1) % n))]}"; done
}
seconds() {   # seconds CHECKOUT AOT ARGS...: "WALL/CPU" of one run (CPU: user + system, children's included), output dropped
  local c=$1 aot=$2 TIMEFORMAT='%R %U %S' times; shift 2
  times=$( { time NEURITE_AOT=$aot "$c/neurite" "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v t="$times" 'BEGIN { split(t, v, " "); printf "%.3f/%.2f", v[1], v[2] + v[3] }'
}
stats() {   # stats VALUES...: "median (min-max)" of numbers, or of the wall clocks and then the CPU times of WALL/CPU pairs
  local wall cpu
  wall=$(printf '%s\n' "$@" | cut -d/ -f1 | sort -g \
    | awk '{ v[NR] = $1 } END { printf "%.3f (%.3f-%.3f)", v[int((NR + 1) / 2)], v[1], v[NR] }')
  case "$1" in
    */*) cpu=$(printf '%s\n' "$@" | cut -d/ -f2 | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }')
         echo "$wall, cpu $cpu" ;;
    *) echo "$wall" ;;
  esac
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "processor=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1) cores=$(nproc)"
echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg) rounds=$rounds epoch_rounds=$epoch_rounds model=$model (format version $version)"
declare -A runs
echo "round setting version_wall/cpu_s summary_wall/cpu_s predict_wall/cpu_s"
for r in $(seq "$rounds"); do
  while read -r i aot; do
    c=${checkouts[$i]}
    v=$(seconds "$c" "$aot" --version)
    s=$(seconds "$c" "$aot" summary mnist-mlp)
    p=$(seconds "$c" "$aot" predict --model "$model" --text "$text")
    runs[version $i $aot]+=" $v"; runs[summary $i $aot]+=" $s"; runs[predict $i $aot]+=" $p"
    echo "$r $(label "$i" "$aot") $v $s $p"
  done < <(rotated "$r")
done

echo "round setting epoch1_s epoch2_s"
for r in $(seq "$epoch_rounds"); do
  while read -r i aot; do
    out=$(NEURITE_AOT=$aot "${checkouts[$i]}/neurite" bench mlp --epochs 2 2>/dev/null)
    e1=$(sed -n 's/^epoch 1: \([0-9.]*\) s$/\1/p' <<<"$out")
    e2=$(sed -n 's/^epoch 2: \([0-9.]*\) s$/\1/p' <<<"$out")
    runs[epoch1 $i $aot]+=" $e1"; runs[epoch2 $i $aot]+=" $e2"
    echo "$r $(label "$i" "$aot") $e1 $e2"
  done < <(rotated "$r")
done
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "| setting | --version s | summary mnist-mlp s | predict --text s | epoch 1 s | epoch 2 s | epoch 1 / 2 |"
echo "(wall clock: median (min-max), then the median CPU time)"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for setting in "${settings[@]}"; do
  row="| $(label $setting)"
  for key in version summary predict epoch1 epoch2; do
    # shellcheck disable=SC2086 # the values are words to split
    row+=" | $(stats ${runs[$key $setting]})"
  done
  # shellcheck disable=SC2086
  row+=" | $(awk -v a="$(median ${runs[epoch1 $setting]})" -v b="$(median ${runs[epoch2 $setting]})" \
      'BEGIN { printf "%.2f", a / b }') |"
  echo "$row"
done
