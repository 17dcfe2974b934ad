#!/usr/bin/env bash
# Stops the OpenSearch node started by start.sh, whatever state it is in; always exits 0.
# Same OPENSEARCH_STATE_DIR as start.sh (default: <repo>/target/opensearch).
# SIGTERM first (the launcher closes the node cleanly), SIGKILL after OPENSEARCH_STOP_TIMEOUT
# seconds (default 30). Only processes of this launcher for this state folder are touched.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${OPENSEARCH_STATE_DIR:-$root/target/opensearch}
[[ -d $state ]] && state=$(cd "$state" && pwd)
grace=${OPENSEARCH_STOP_TIMEOUT:-30}

log() { echo "opensearch/stop.sh: $*" >&2; }

# Is $1 a live launcher process for this state folder?
ours() {
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *balise.OpenSearchNode*"$state/home"* ]]
}

pids=()
if [[ -s $state/pid ]]; then
  pid=$(cat "$state/pid")
  if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then pids+=("$pid"); fi
fi
# Also any launcher for this state folder whose pid file was lost.
for dir in /proc/[0-9]*; do
  p=${dir#/proc/}
  if ours "$p" && [[ " ${pids[*]-} " != *" $p "* ]]; then pids+=("$p"); fi
done

for p in "${pids[@]}"; do
  log "stopping pid $p"
  kill -TERM "$p" 2>/dev/null || true
done
for p in "${pids[@]}"; do
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$p" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$p" 2>/dev/null; then
    log "pid $p still alive after ${grace}s, killing"
    kill -KILL "$p" 2>/dev/null || true
  fi
done
(( ${#pids[@]} )) || log "no node running"

rm -f "$state/pid" "$state/url" "$state/env" "$state/address" "$state/address.tmp"
exit 0
