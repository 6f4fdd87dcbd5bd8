#!/usr/bin/env bash
# Runs the whole test suite: finds a JDK >= 25, then builds and tests every module with Maven.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
neurite_find_java
cd "$root"
exec mvn -B -ntp verify "$@"
