#!/usr/bin/env bash
# Chunking cost against the scrape of the same repository, in one command: chunks/s, files/s, share of scrape time.
# Usage: bench/chunk.sh /path/to/repository [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:?usage: bench/chunk.sh /path/to/repository [rounds]}"
rounds="${2:-2}"
source "$here/bench/common.sh"
build_test_classpath chunker-service
exec "$JAVA" $JAVA_FLAGS -Xmx6g ${BENCH_OPTS:-} -cp "$CP" io.gitlore.chunker.bench.ChunkBenchmark "$repo" "$rounds"
