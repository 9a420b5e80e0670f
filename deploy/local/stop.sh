#!/usr/bin/env bash
# Stops a local stack left running by deploy/local/run.sh --keep-running (or gitlore-local up).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${GITLORE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
exec "$JAVA_HOME/bin/java" -jar local-stack/target/gitlore-local-stack.jar stop "$@"
