#!/usr/bin/env bash
# gitlore on this machine, no Docker: a real Kafka broker (KRaft, from the Maven Central jars), every stage and the
# gateway as local JVMs; the job goes in through the gateway's API, progress comes back from its event stream, and
# the index, dataset, model, report and manifest land in the data directory.
# Usage: deploy/local/run.sh /path/to/repository [--keep-running] [--timeout PT2H] [--query "..."]
#        deploy/local/stop.sh stops a stack left running.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
repo="${1:?usage: deploy/local/run.sh /path/to/repository [options]}"
shift
# The project's JDK is Java 25 (see docs/decisions.md); GITLORE_JAVA_HOME points elsewhere.
export JAVA_HOME="${GITLORE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
cd "$root"

jars=(gateway scraper-service chunker-service tokenizer-service embedder-service trainer-service)
missing=0
for m in "${jars[@]}"; do [[ -f "$m/target/quarkus-app/quarkus-run.jar" ]] || missing=1; done
[[ -f local-stack/target/gitlore-local-stack.jar ]] || missing=1
stale=""
if [[ "$missing" == 0 ]]; then
  # Jars older than a source or pom (a pull, an edit) would run yesterday's code: rebuild then too.
  oldest="$(ls -tr "${jars[@]/%//target/quarkus-app/quarkus-run.jar}" local-stack/target/gitlore-local-stack.jar | head -1)"
  stale="$(find pom.xml contracts scraper-core local-stack "${jars[@]}" -newer "$oldest" -type f \
    \( -path '*/src/main/*' -o -name pom.xml \) -not -path '*/target/*' -print -quit)"
fi
if [[ "$missing" == 1 || -n "$stale" || "${GITLORE_REBUILD:-0}" == 1 ]]; then
  if [[ -n "$stale" ]]; then
    echo "building gitlore ($stale changed since the last build; a few minutes)..."
  else
    echo "building gitlore (first run only, a few minutes; GITLORE_REBUILD=1 forces it)..."
  fi
  # Show one line per module as it is built, so the first run visibly works; the full log is kept.
  logs="${GITLORE_DATA_DIR:-$root/.data}/logs"
  mkdir -p "$logs"
  # Without pipefail for this pipeline: the build's own status is read from PIPESTATUS, so its failure is said.
  set +o pipefail
  ./mvnw -B -ntp install -DskipTests 2>&1 | tee "$logs/build.log" \
    | grep --line-buffered -E '^\[INFO\] Building gitlore|BUILD|ERROR' | sed -u 's/^\[INFO\] /  /'
  built="${PIPESTATUS[0]}"
  set -o pipefail
  [[ "$built" == 0 ]] || { echo "the build failed (exit $built); see $logs/build.log" >&2; exit 1; }
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar local-stack/target/gitlore-local-stack.jar \
  run "$repo" "$@"
