#!/usr/bin/env bash
# The peers' one entry point: installs a peer on first use into a scratch folder, then runs one workload.
#
#   peer.sh setup python|djl|dl4j          install (idempotent); exit 0 when ready, else the reason on stderr
#   peer.sh run PEER WORKLOAD [--threads N] [--batch N] [--epochs N] [--max-batches N]
#       PEER: torch, torch-compile, keras, djl, dl4j; WORKLOAD: mlp, lstm, gru, transformer, conv
#       prints the peer's JSON lines; exit 4 when the peer has no version of the workload.
#
# Scratch folder: $NEURITE_PEERS_HOME, else ~/.cache/neurite/peers. The Python peers live in a virtual
# environment made with `python3.11 -m venv`; its pip installs from the package index that pip's own
# configuration names (printed by `pip config list`), so no index address is written here. The Java
# peers are built by Maven from their own pom (never a dependency of Neurite's modules) in a copy of
# their folder under the scratch folder. Env: MNIST_DIR (folder of the four MNIST IDX files, for mlp).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scratch=${NEURITE_PEERS_HOME:-$HOME/.cache/neurite/peers}
venv=$scratch/venv
mkdir -p "$scratch"

fail() { echo "peer.sh: $*" >&2; exit 3; }

setup_python() {
  [ -f "$venv/.ready" ] && return 0
  command -v python3.11 >/dev/null || fail "python3.11 not found (needed for the PyTorch and Keras peers)"
  rm -rf "$venv"
  python3.11 -m venv "$venv" >&2 || fail "python3.11 -m venv failed"
  local index=(); mapfile -t index < <(index_options)
  "$venv/bin/pip" install -q "${index[@]}" numpy torch keras tensorflow-cpu >&2 \
    || fail "pip could not install numpy torch keras tensorflow-cpu"
  "$venv/bin/python" -c 'import torch, keras, tensorflow' >&2 || fail "the installed torch/keras/tensorflow do not import"
  touch "$venv/.ready"
}

# index_options: pip's options naming the package indexes of pip's own configuration, one per line.
# Where the configuration names only extra indexes, the first becomes the index proper, so that pip
# does not also wait on its built-in default index, which a machine without Internet access cannot reach.
index_options() {
  local config main extra
  config=$(pip config list 2>/dev/null || python3.11 -m pip config list 2>/dev/null || true)
  main=$(sed -n "s/^[a-z:.]*index-url='\(.*\)'$/\1/p" <<<"$config" | grep -v ' ' | head -1 || true)
  extra=$(sed -n "s/^[a-z:.]*extra-index-url='\(.*\)'$/\1/p" <<<"$config" | head -1 || true)
  # shellcheck disable=SC2206
  local extras=($extra)
  if [ -z "$main" ] && [ ${#extras[@]} -gt 0 ]; then
    main=${extras[0]}; extras=("${extras[@]:1}")
  fi
  [ -n "$main" ] && printf '%s\n' --index-url "$main"
  for e in "${extras[@]}"; do printf '%s\n' --extra-index-url "$e"; done
}

# nd4j_classifier: Deeplearning4j's native build for this processor (its AVX-512 build stops with SIGILL
# where the processor has only AVX2).
nd4j_classifier() {
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then echo linux-x86_64-avx512
  elif grep -qw avx2 /proc/cpuinfo 2>/dev/null; then echo linux-x86_64-avx2
  else echo linux-x86_64
  fi
}

# setup_java NAME: copy the peer's folder into the scratch folder and build it there with Maven. The
# .ready stamp holds the Maven options it was built with, so a scratch folder moved to another host rebuilds.
setup_java() {
  local name=$1 dir=$scratch/$1 props=()
  [ "$name" = dl4j ] && props=(-Dnd4j.classifier="$(nd4j_classifier)")
  if [ -f "$dir/.ready" ] && [ "$(cat "$dir/.ready")" = "${props[*]}" ] \
      && [ -z "$(find "$here/$name" -newer "$dir/.ready" -type f -print -quit)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || fail "mvn not found (needed for the $name peer)"
  local java; java=$(java_home)/bin/java
  rm -rf "$dir" && mkdir -p "$dir" && cp -r "$here/$name/." "$dir/"
  (cd "$dir" && mvn -B -q "${props[@]}" dependency:build-classpath -Dmdep.outputFile=cp.txt >&2) \
    || fail "Maven could not resolve the $name peer's dependencies"
  mkdir -p "$dir/target/classes"
  "$(dirname "$java")/javac" -d "$dir/target/classes" -cp "$(cat "$dir/cp.txt")" "$dir"/src/main/java/anchors/*.java >&2 \
    || fail "the $name peer does not compile"
  echo "${props[*]}" > "$dir/.ready"
}

# The Java peers run on the same JDK as Neurite (JAVA_HOME when set).
java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME"; else dirname "$(dirname "$(readlink -f "$(command -v java)")")"; fi
}

run_peer() {
  local peer=$1 workload=$2; shift 2
  local threads=2 batch="" epochs=3 max_batches=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --threads) threads=$2; shift 2 ;;
      --batch) batch=$2; shift 2 ;;
      --epochs) epochs=$2; shift 2 ;;
      --max-batches) max_batches=$2; shift 2 ;;
      *) fail "unknown option $1" ;;
    esac
  done
  case "$peer" in
    torch|torch-compile)
      setup_python
      local extra=(); [ "$peer" = torch-compile ] && extra=(--compile)
      [ -n "$batch" ] && extra+=(--batch "$batch")
      exec "$venv/bin/python" "$here/torch/bench_torch.py" "$workload" --threads "$threads" --epochs "$epochs" \
        --max-batches "$max_batches" "${extra[@]}" ;;
    keras)
      setup_python
      local extra=(); [ -n "$batch" ] && extra+=(--batch "$batch")
      exec "$venv/bin/python" "$here/keras/bench_keras.py" "$workload" --threads "$threads" --epochs "$epochs" \
        --max-batches "$max_batches" "${extra[@]}" ;;
    djl|dl4j)
      case "$workload" in mlp|lstm) ;; *) echo "peer.sh: $peer has no $workload workload" >&2; exit 4 ;; esac
      setup_java "$peer"
      local dir=$scratch/$peer jopts=(-Dmax.batches="$max_batches")
      [ -z "$batch" ] && { [ "$workload" = mlp ] && batch=128 || batch=64; }
      if [ "$peer" = djl ]; then
        local cache=$scratch/djl_cache
        jopts+=(-Dai.djl.offline=true -DPYTORCH_VERSION=2.7.1 -DPYTORCH_FLAVOR=cpu -DDJL_CACHE_DIR="$cache"
                -DENGINE_CACHE_DIR="$cache" -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1)
        exec "$(java_home)/bin/java" -Xmx8g "${jopts[@]}" -Dmnist.dir="${MNIST_DIR:-}" \
          -cp "$dir/target/classes:$(cat "$dir/cp.txt")" anchors.DjlBench "$workload" "$batch" "$epochs"
      fi
      OMP_NUM_THREADS=$threads exec "$(java_home)/bin/java" -Xmx8g -Dorg.bytedeco.javacpp.maxbytes=12G \
        -Dorg.bytedeco.javacpp.maxphysicalbytes=16G "${jopts[@]}" -Dmnist.dir="${MNIST_DIR:-}" \
        -cp "$dir/target/classes:$(cat "$dir/cp.txt")" anchors.Dl4jBench "$workload" "$batch" "$epochs" ;;
    *) fail "unknown peer $peer (torch, torch-compile, keras, djl, dl4j)" ;;
  esac
}

case "${1:-}" in
  setup)
    case "${2:-}" in
      python) setup_python ;;
      djl|dl4j) setup_java "$2" ;;
      *) fail "usage: peer.sh setup python|djl|dl4j" ;;
    esac ;;
  run) shift; [ $# -ge 2 ] || fail "usage: peer.sh run PEER WORKLOAD [options]"; run_peer "$@" ;;
  *) fail "usage: peer.sh setup python|djl|dl4j | peer.sh run PEER WORKLOAD [options]" ;;
esac
