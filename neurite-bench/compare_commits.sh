#!/usr/bin/env bash
# `neurite bench mlp` and `neurite bench lstm` for two commits, alternately in one run, so that both
# see the same load: the check that a refactor changed no speed. Builds REV's command-line jar in a
# temporary worktree, then each round runs the MLP bench and the LSTM bench once for each commit.
#
#   neurite-bench/compare_commits.sh REV [--rounds R] [--samples N]   # e.g. REV = the last release tag
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
neurite_find_java
rev=${1:?usage: $0 REV [--rounds R] [--samples N]}
shift
rounds=3
samples=2560
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    *) echo "usage: $0 REV [--rounds R] [--samples N]" >&2; exit 2 ;;
  esac
done

base=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$base" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add -q --detach "$base" "$rev"
(cd "$base" && mvn -q -B -ntp -DskipTests -pl neurite-cli -am package) >&2
"$root/neurite" --help >/dev/null   # builds this checkout's jar outside the timings

run() {   # run JAR ARGS...: the bench's output, standard error dropped
  local jar=$1; shift
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -jar "$jar" "$@" 2>/dev/null
}
# value KEY TEXT: the last `KEY=value` in TEXT
value() { grep -o "$1=[0-9.]*" <<<"$2" | tail -1 | cut -d= -f2; }

echo "base=$(git -C "$root" rev-parse --short "$rev") head=$(git -C "$root" rev-parse --short HEAD) rounds=$rounds" \
     "lstm_samples=$samples load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "round commit mlp_epoch_s lstm_epoch_s lstm_predict_s"
for r in $(seq "$rounds"); do
  for side in base head; do
    jar="$root/neurite-cli/target/neurite.jar"
    [ "$side" = base ] && jar="$base/neurite-cli/target/neurite.jar"
    mlp=$(run "$jar" bench mlp)
    lstm=$(run "$jar" bench lstm --samples "$samples" --epochs 2)
    echo "$r $side $(value epoch_seconds "$mlp") $(value epoch_seconds "$lstm") $(value predict_seconds "$lstm")"
  done
done
