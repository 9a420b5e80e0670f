#!/usr/bin/env bash
# git's histogram diff on a large repetitive file (10,827 lines of JSON), three ways in one command: gitlore's xdiff
# port, JGit's histogram diff with its Myers fallback, and `git diff --no-index --histogram` (the baseline).
# Usage: bench/diff.sh [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/bench/common.sh"
build_test_classpath scraper-core
exec "$JAVA" $JAVA_FLAGS ${BENCH_OPTS:-} -cp "$CP" io.gitlore.scraper.bench.RepetitiveDiffBenchmark "${1:-5}"
