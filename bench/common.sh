# Shared by the bench scripts: picks the project's JDK and builds a module's test classpath.
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

# Sibling modules resolve to their target/classes within the one reactor build: nothing is installed into ~/.m2.
build_test_classpath() {
  local module="$1"
  (cd "$here" && ./mvnw -q -B -pl "$module" -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2)
  CP="$here/$module/target/classes:$here/$module/target/test-classes:$(cat "$here/$module/target/bench.classpath")"
}
