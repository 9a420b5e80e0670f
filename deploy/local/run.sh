#!/usr/bin/env bash
# gitlore on this machine: a real repository in; a Kafka broker (KRaft, from the Maven Central jars), the built
# stage services and the job client run locally; output lands in the data directory.
# Usage: deploy/local/run.sh /path/to/repository
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
repo="$(realpath "${1:?usage: deploy/local/run.sh /path/to/repository}")"
data="$(realpath -m "${GITLORE_DATA_DIR:-$root/.data}")"
port="${GITLORE_KAFKA_PORT:-19092}"
# The project's JDK is Java 25 (see docs/decisions.md); GITLORE_JAVA_HOME points elsewhere.
export JAVA_HOME="${GITLORE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
java="$JAVA_HOME/bin/java"
jflags="--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector"
logs="$data/logs"
mkdir -p "$logs"
cd "$root"

if [[ ! -f scraper-service/target/quarkus-app/quarkus-run.jar || ! -f chunker-service/target/quarkus-app/quarkus-run.jar \
      || ! -f tokenizer-service/target/quarkus-app/quarkus-run.jar \
      || ! -f embedder-service/target/quarkus-app/quarkus-run.jar \
      || ! -f trainer-service/target/quarkus-app/quarkus-run.jar \
      || ! -f test-support/target/runtime.classpath \
      || "${GITLORE_REBUILD:-0}" == 1 ]]; then
  echo "building gitlore (first run only; GITLORE_REBUILD=1 forces it)..."
  ./mvnw -q -B install -DskipTests
  ./mvnw -q -B -pl test-support dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath
fi
cp="$root/test-support/target/classes:$root/contracts/target/classes:$(cat test-support/target/runtime.classpath)"

pids=()
# Stop services before the broker, so their consumers leave their groups cleanly (otherwise the next run waits out
# the old members' session timeout before it gets its partitions).
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT

"$java" $jflags -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" io.gitlore.testsupport.EmbeddedKafka "$port" "$((port + 1))" "$data/kafka" >"$logs/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q "listening on" "$logs/kafka.log" && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "Kafka did not start; see $logs/kafka.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "listening on" "$logs/kafka.log" || { echo "Kafka did not start in 60 s; see $logs/kafka.log" >&2; exit 1; }
echo "kafka:   localhost:$port (log: $logs/kafka.log)"

KAFKA_BOOTSTRAP_SERVERS="localhost:$port" GITLORE_DATA_DIR="$data" GITLORE_SCRAPER_ALLOWED_ROOTS="$repo" \
  GITLORE_SCRAPER_PORT="${GITLORE_SCRAPER_PORT:-18081}" \
  "$java" $jflags -jar scraper-service/target/quarkus-app/quarkus-run.jar >"$logs/scraper.log" 2>&1 &
pids+=($!)
echo "scraper: http://localhost:${GITLORE_SCRAPER_PORT:-18081}/q/health (log: $logs/scraper.log)"

KAFKA_BOOTSTRAP_SERVERS="localhost:$port" GITLORE_DATA_DIR="$data" GITLORE_CHUNKER_PORT="${GITLORE_CHUNKER_PORT:-18082}" \
  "$java" $jflags -jar chunker-service/target/quarkus-app/quarkus-run.jar >"$logs/chunker.log" 2>&1 &
pids+=($!)
echo "chunker: http://localhost:${GITLORE_CHUNKER_PORT:-18082}/q/health (log: $logs/chunker.log)"

KAFKA_BOOTSTRAP_SERVERS="localhost:$port" GITLORE_DATA_DIR="$data" GITLORE_TOKENIZER_PORT="${GITLORE_TOKENIZER_PORT:-18083}" \
  "$java" $jflags -Dai.djl.offline=true -DDJL_CACHE_DIR="$data/djl-cache" \
  -jar tokenizer-service/target/quarkus-app/quarkus-run.jar >"$logs/tokenizer.log" 2>&1 &
pids+=($!)
echo "tokenizer: http://localhost:${GITLORE_TOKENIZER_PORT:-18083}/q/health (log: $logs/tokenizer.log)"

KAFKA_BOOTSTRAP_SERVERS="localhost:$port" GITLORE_DATA_DIR="$data" GITLORE_EMBEDDER_PORT="${GITLORE_EMBEDDER_PORT:-18084}" \
  "$java" $jflags -Dai.djl.offline=true -DDJL_CACHE_DIR="$data/djl-cache" \
  -jar embedder-service/target/quarkus-app/quarkus-run.jar >"$logs/embedder.log" 2>&1 &
pids+=($!)
echo "embedder: http://localhost:${GITLORE_EMBEDDER_PORT:-18084}/api/search (log: $logs/embedder.log)"

# The trainer: the tiny preset on the CPU, within a training-time budget (GITLORE_TRAINER_MAX_DURATION, ISO-8601).
KAFKA_BOOTSTRAP_SERVERS="localhost:$port" GITLORE_DATA_DIR="$data" GITLORE_TRAINER_PORT="${GITLORE_TRAINER_PORT:-18085}" \
  GITLORE_TRAINER_MAX_DURATION="${GITLORE_TRAINER_MAX_DURATION:-PT5M}" \
  "$java" $jflags -Dai.djl.offline=true -DDJL_CACHE_DIR="$data/djl-cache" -Djava.awt.headless=true \
  -jar trainer-service/target/quarkus-app/quarkus-run.jar >"$logs/trainer.log" 2>&1 &
pids+=($!)
echo "trainer: http://localhost:${GITLORE_TRAINER_PORT:-18085}/api/models (log: $logs/trainer.log)"

status=0
"$java" $jflags -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" io.gitlore.testsupport.LocalJob "localhost:$port" "$repo" "$data" || status=$?
if [[ "${GITLORE_KEEP_RUNNING:-0}" == 1 ]]; then
  echo "services keep running (GITLORE_KEEP_RUNNING=1); search with: curl 'http://localhost:${GITLORE_EMBEDDER_PORT:-18084}/api/search?repository=<id>&q=...'; Ctrl-C stops them"
  wait "${pids[0]}"
fi
exit "$status"
