# Shared by the bench scripts: picks the project's JDK and builds a module's test classpath.
# The project's JDK is Java 25 (see docs/decisions.md); GITLORE_JAVA_HOME points elsewhere.
JAVA_HOME="${GITLORE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
JAVA="$JAVA_HOME/bin/java"
# Lucene's SIMD scoring needs the incubator module; tree-sitter, DJL and Lucene use native access.
JAVA_FLAGS="--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector"

# Sibling modules resolve to their target/classes within the one reactor build: nothing is installed into ~/.m2.
build_test_classpath() {
  local module="$1"
  (cd "$here" && ./mvnw -q -B -pl "$module" -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2)
  CP="$here/$module/target/classes:$here/$module/target/test-classes:$(cat "$here/$module/target/bench.classpath")"
}
