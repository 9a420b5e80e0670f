#!/usr/bin/env bash
# Embedding cost and retrieval quality on a real repository, in one command:
#  1. cuts the repository's history HELD first-parent commits before its HEAD (in a clone; the repository is not
#     touched) and runs the real scraper and chunker (bench/ChunkDump.java) twice: the history up to the cut with
#     the snapshot at it (what gets indexed), and the commits after the cut (where query set (a) comes from);
#  2. chunks/s of the embedder's service path against raw ONNX Runtime on a sample of the indexed texts;
#  3. the retrieval benchmark (RetrievalBenchmark): indexing cost, then recall@10, MRR and nDCG@10 of BM25, vector
#     and hybrid search at unit and file level with bootstrap intervals, on (a) later commits' subjects and (b) doc
#     comments stripped from the index. BENCH_LEGACY=true also builds and measures the index as it was built before.
# Usage: bench/embed.sh /path/to/repository [held=400] [speed-texts=256]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:?usage: bench/embed.sh /path/to/repository [held] [speed-texts]}"
held="${2:-400}"
texts="${3:-256}"
source "$here/bench/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Test class paths from the reactor, without installing anything into the shared local repository.
reactor_classpath() {
  local module="$1"
  (cd "$here" && ./mvnw -q -B -pl "$module" -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$work/$module.classpath" -Dmdep.includeScope=test >&2)
  echo "$here/$module/target/classes:$here/$module/target/test-classes:$(cat "$work/$module.classpath")"
}

git clone -q "$repo" "$work/repo"
branch="$(git -C "$work/repo" symbolic-ref HEAD)"
cut="$(git -C "$work/repo" rev-list --first-parent HEAD | sed -n "$((held + 1))p")"
[[ -n "$cut" ]] || { echo "the repository has fewer than $((held + 1)) first-parent commits" >&2; exit 1; }
git -C "$work/repo" branch -q gitlore-bench-cut "$cut"
echo "== cut at $(git -C "$work/repo" log -1 --format='%h %cs %s' "$cut"), $held first-parent commits before $branch"

CHUNKER_CP="$(reactor_classpath chunker-service)"
"$JAVA" $JAVA_FLAGS -Xmx6g ${BENCH_OPTS:-} -cp "$CHUNKER_CP" "$here/bench/ChunkDump.java" "$work/index.jsonl" "$work/repo" \
  --refs refs/heads/gitlore-bench-cut --snapshot-ref refs/heads/gitlore-bench-cut
"$JAVA" $JAVA_FLAGS -Xmx6g ${BENCH_OPTS:-} -cp "$CHUNKER_CP" "$here/bench/ChunkDump.java" "$work/future.jsonl" "$work/repo" \
  --refs "$branch" --since "$cut" --no-snapshot

EMBEDDER_CP="$(reactor_classpath embedder-service)"
djl=(-Dai.djl.offline=true -DDJL_CACHE_DIR="$here/embedder-service/target/djl-cache")
echo "== embedding speed"
"$JAVA" $JAVA_FLAGS -Xmx6g "${djl[@]}" ${BENCH_OPTS:-} -cp "$EMBEDDER_CP" io.gitlore.embedder.bench.EmbedBenchmark \
  "$work/index.jsonl" "$texts" 2
echo "== retrieval quality"
"$JAVA" $JAVA_FLAGS -Xmx8g "${djl[@]}" -Dbench.legacy="${BENCH_LEGACY:-false}" ${BENCH_OPTS:-} -cp "$EMBEDDER_CP" \
  io.gitlore.embedder.bench.RetrievalBenchmark "$work/index.jsonl" "$work/future.jsonl"
