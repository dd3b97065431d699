#!/usr/bin/env bash
# Builds the reactor and runs the command-path benchmark with 1 and 2 threads.
# Usage (from anywhere): benchmarks/run.sh [extra JMH args]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$root" && mvn -q -B install -DskipTests)
for t in 1 2; do
  java -jar "$root/benchmarks/target/benchmarks.jar" CommandPath -f 1 -wi 3 -i 5 -w 2s -r 3s -t "$t" "$@"
done
