#!/usr/bin/env bash
# The pipeline as a whole: runs the local stack on a real repository through the gateway and prints the per-stage
# timeline (start, end, throughput, overlap with the stage before), when search first answered, and the whole run
# against its slowest stage. Usage: bench/pipeline.sh /path/to/repository [run options, e.g. --training-budget PT2M]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:?usage: bench/pipeline.sh /path/to/repository [options]}"
shift
# A fresh data directory per run, so the figures are a cold first run of that repository.
export GITLORE_DATA_DIR="${GITLORE_DATA_DIR:-$(mktemp -d /tmp/gitlore-pipeline-XXXX)}"
echo "data: $GITLORE_DATA_DIR; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$here/deploy/local/run.sh" "$repo" --timeline --query "${BENCH_QUERY:-main entry point}" "$@"
