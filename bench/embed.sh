#!/usr/bin/env bash
# Embedding speed and retrieval quality on a repository's own history, in one command:
#  1. chunks the history (bench/chunk.sh's code path) into a JSON-lines file,
#  2. chunks/s of the embedder's service path against raw ONNX Runtime batch inference on the same texts,
#  3. recall@10 and MRR of BM25, vector and hybrid search, queries = held-out commits' subjects.
# Usage: bench/embed.sh /path/to/repository [texts=512] [chunk-budget=3000]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:?usage: bench/embed.sh /path/to/repository [texts] [chunk-budget]}"
texts="${2:-512}"
budget="${3:-3000}"
source "$here/bench/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build_test_classpath chunker-service
"$JAVA" $JAVA_FLAGS -Xmx6g -Dbench.chunks-out="$work/chunks.jsonl" ${BENCH_OPTS:-} -cp "$CP" \
  io.gitlore.chunker.bench.ChunkBenchmark "$repo" 1 | grep -v '^ \|^chunking_stats\|^}'

build_test_classpath embedder-service
djl=(-Dai.djl.offline=true -DDJL_CACHE_DIR="$here/embedder-service/target/djl-cache")
echo "== embedding speed"
"$JAVA" $JAVA_FLAGS -Xmx6g "${djl[@]}" ${BENCH_OPTS:-} -cp "$CP" io.gitlore.embedder.bench.EmbedBenchmark "$work/chunks.jsonl" "$texts" 2
echo "== retrieval quality"
"$JAVA" $JAVA_FLAGS -Xmx6g "${djl[@]}" ${BENCH_OPTS:-} -cp "$CP" io.gitlore.embedder.bench.RetrievalBenchmark "$work/chunks.jsonl" "$budget"
