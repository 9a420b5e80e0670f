#!/usr/bin/env bash
# Tokens/s of the dataset path against raw HuggingFaceTokenizer.batchEncode on the same texts, in one command.
# Usage: bench/tokenize.sh /path/to/source-tree [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="${1:?usage: bench/tokenize.sh /path/to/source-tree [rounds]}"
rounds="${2:-3}"
source "$here/bench/common.sh"
build_test_classpath tokenizer-service
exec "$JAVA" $JAVA_FLAGS -Xmx4g -Dai.djl.offline=true -DDJL_CACHE_DIR="$here/tokenizer-service/target/djl-cache" ${BENCH_OPTS:-} \
  -cp "$CP" io.gitlore.tokenizer.bench.TokenizeBenchmark "$root" "$rounds"
