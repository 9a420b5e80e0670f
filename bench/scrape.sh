#!/usr/bin/env bash
# Scraper throughput against `git log -p --all --numstat` on the same repository, in one command.
# Usage: bench/scrape.sh /path/to/repository [rounds]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:?usage: bench/scrape.sh /path/to/repository [rounds]}"
rounds="${2:-3}"
source "$here/bench/common.sh"
build_test_classpath scraper-core
exec "$JAVA" $JAVA_FLAGS -Xmx4g ${BENCH_OPTS:-} -cp "$CP" io.gitlore.scraper.bench.ScrapeBenchmark "$repo" "$rounds"
