#!/usr/bin/env bash
# Training tokens/s of the trainer (DJL + PyTorch natives) against a plain PyTorch loop of the same model, batch,
# context, vocabulary and thread count on the same rows, in one command; then generation with and without the KV cache.
# Usage: bench/train.sh <dataset-dir> [warmup-steps] [timed-steps] [micro-batch]
#   <dataset-dir>: a tokenizer-stage dataset, e.g. .data/jobs/<job>/dataset after deploy/local/run.sh
# Needs Debian's python3-torch for /usr/bin/python3 (and libopenblas0-pthread for a fast BLAS): apt-get install -y
# python3-torch libopenblas0-pthread. BENCH_PRUNE=false trains on the full 50 K vocabulary instead.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dataset="$(realpath "${1:?usage: bench/train.sh <dataset-dir> [warmup] [timed] [batch]}")"
warmup="${2:-3}"; timed="${3:-10}"; batch="${4:-8}"
threads="${BENCH_THREADS:-$(nproc)}"
source "$here/bench/common.sh"
build_test_classpath trainer-service
out="$(mktemp -d)"
OMP_NUM_THREADS="$threads" "$JAVA" $JAVA_FLAGS -Xmx6g -Dai.djl.offline=true -DDJL_CACHE_DIR="$here/trainer-service/target/djl-cache" \
  -Dbench.prune="${BENCH_PRUNE:-true}" -Djava.awt.headless=true ${BENCH_OPTS:-} \
  -cp "$CP" io.gitlore.trainer.bench.TrainBenchmark "$dataset" "$out" "$warmup" "$timed" "$batch" | tee "$out/java.txt"
/usr/bin/python3 "$here/bench/reference/train_reference.py" "$out" "$threads" | tee "$out/python.txt"
java_tps="$(grep -o '[0-9]* tokens/s over' "$out/java.txt" | head -1 | cut -d' ' -f1)"
py_tps="$(grep -o '[0-9]* tokens/s over' "$out/python.txt" | head -1 | cut -d' ' -f1)"
awk -v j="$java_tps" -v p="$py_tps" 'BEGIN { printf "ratio: gitlore / PyTorch = %.2fx (goal >= 0.8x)\n", j / p }'
