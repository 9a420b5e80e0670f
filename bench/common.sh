# Shared by the bench scripts: picks the project's JDK and builds a module's test classpath.
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

build_test_classpath() {
  local module="$1"
  (cd "$here" && ./mvnw -q -B -pl "$module" -am install -DskipTests >&2)
  (cd "$here" && ./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
      -Dmdep.includeScope=test >&2)
  CP="$here/$module/target/classes:$here/$module/target/test-classes:$(cat "$here/$module/target/bench.classpath")"
}
