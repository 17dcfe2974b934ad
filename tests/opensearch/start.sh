#!/usr/bin/env bash
# Starts ONE real OpenSearch node on 127.0.0.1 for balise's search tests.
#
#   tests/opensearch/start.sh                       # exits non-zero if the node is not up
#   export OPENSEARCH_URL=$(cat target/opensearch/url)
#   trap tests/opensearch/stop.sh EXIT
#
# Stdout carries a single line, OPENSEARCH_URL=http://127.0.0.1:PORT; progress goes to stderr.
# (Avoid `eval "$(start.sh)"`: eval of an empty string succeeds, hiding a failed start.)
# State (pid, url, env, node.log, maven.log, node home, build) lives in $OPENSEARCH_STATE_DIR,
# default target/opensearch/ under the repository root. Stop the node with stop.sh.
#
# Environment (all optional):
#   OPENSEARCH_STATE_DIR      state folder (default: <repo>/target/opensearch)
#   OPENSEARCH_PORT           HTTP port, 0 = a free one chosen by the system (default: 0)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for the node once launched (default: 180)
#   OPENSEARCH_JAVA_OPTS      JVM options (default: -Xms512m -Xmx1g)
#   OPENSEARCH_KEEP_DATA=1    keep the node's data from a previous run (default: wiped)
#   OPENSEARCH_MAVEN_ARGS     extra arguments for mvn (e.g. -o, -Dmaven.repo.local=...)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${OPENSEARCH_STATE_DIR:-$root/target/opensearch}
mkdir -p "$state"
state=$(cd "$state" && pwd)
port=${OPENSEARCH_PORT:-0}
timeout=${OPENSEARCH_START_TIMEOUT:-180}
java_opts=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then java=$JAVA_HOME/bin/java; else java=java; fi

log() { echo "opensearch/start.sh: $*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for tool in "$java" mvn curl; do
  command -v "$tool" >/dev/null || { log "missing tool: $tool"; exit 1; }
done

# Already running (same state folder) and healthy: reuse it.
if [[ -s $state/pid && -s $state/url ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null \
  && curl -fsS -m 10 "$(cat "$state/url")/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; then
  log "already running (pid $(cat "$state/pid"))"
  echo "OPENSEARCH_URL=$(cat "$state/url")"
  exit 0
fi
OPENSEARCH_STATE_DIR=$state "$here/stop.sh" >/dev/null 2>&1 || true

# 1. Resolve OpenSearch from Maven Central and compile the launcher.
t0=$(now)
log "resolving and compiling with Maven (log: $state/maven.log)"
# shellcheck disable=SC2086 # OPENSEARCH_MAVEN_ARGS is a list of words on purpose
if ! mvn -B -q -ntp -f "$here/pom.xml" ${OPENSEARCH_MAVEN_ARGS:-} \
  -Dlauncher.build.dir="$state/build" \
  compile dependency:build-classpath -Dmdep.outputFile="$state/classpath.txt" \
  >"$state/maven.log" 2>&1; then
  cat "$state/maven.log" >&2
  log "maven failed"
  exit 1
fi
log "maven done in $(since "$t0")s"

# 2. Launch the node in the background, detached from this shell's stdin/stdout.
if [[ ${OPENSEARCH_KEEP_DATA:-0} != 1 ]]; then rm -rf "$state/home"; fi
rm -f "$state/address" "$state/url" "$state/env"
t1=$(now)
# shellcheck disable=SC2086 # java_opts is a list of words on purpose
nohup "$java" $java_opts \
  -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 -Djava.awt.headless=true \
  -cp "$state/build/classes:$(cat "$state/classpath.txt")" \
  balise.OpenSearchNode "$state/home" "$state/address" "$port" \
  </dev/null >"$state/node.log" 2>&1 &
pid=$!
echo "$pid" >"$state/pid"
log "node launched (pid $pid, log: $state/node.log)"

fail() {
  log "$*"
  tail -n 60 "$state/node.log" >&2 || true
  OPENSEARCH_STATE_DIR=$state "$here/stop.sh" >&2 || true
  exit 1
}
trap 'fail "interrupted"' INT TERM

# 3. Wait (bounded) until the node has written its address and the cluster is at least yellow.
deadline=$(( $(date +%s) + timeout ))
url=
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then fail "the node exited during startup"; fi
  if [[ -s $state/address ]]; then
    url=$(head -n 1 "$state/address")
    if curl -fsS -m 10 "$url/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; then break; fi
  fi
  if (( $(date +%s) >= deadline )); then fail "not healthy after ${timeout}s"; fi
  sleep 0.5
done
trap - INT TERM

echo "$url" >"$state/url"
echo "OPENSEARCH_URL=$url" >"$state/env"
log "node up in $(since "$t1")s (total $(since "$t0")s)"
echo "OPENSEARCH_URL=$url"
