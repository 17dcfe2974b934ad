#!/usr/bin/env bash
# Front-matter edits under `balise serve`, two binaries side by side: which rebuilds faster.
#
#   benches/serve-ab.sh OLD_BINARY NEW_BINARY [N]     # N pages (10000), seed 1, as in compare.sh
#   SHAPE=long benches/serve-ab.sh OLD NEW            # another shape of examples/corpus.rs (guide)
#
# Serves two copies of one generated corpus at once, one per binary, then edits the title of
# the same rights page in each, alternately (A, B, A, B…), EDITS times (9), each edit waiting
# for the search of the one before; prints each binary's "Rebuilt in … ms", sorted, and their
# median. Alternating edits, rather than one binary after the other, gives both the same
# machine: on a shared 2-core machine, the speed of a run drifts by tens of percent in minutes.
# Build the old binary first, e.g. `git worktree add /tmp/old REV && cargo build --release
# --manifest-path /tmp/old/Cargo.toml`.
set -euo pipefail

A=$(realpath "$1")
B=$(realpath "$2")
N=${3:-10000}
EDITS=${EDITS:-9}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHAPE=${SHAPE:-guide}
WORK=${WORK:-/tmp/balise-serve-ab-$SHAPE-$N}
mkdir -p "$WORK"
(cd "$ROOT" && cargo build --release --quiet --example corpus)
rm -rf "$WORK/corpus"
"$ROOT/target/release/examples/corpus" --pages "$N" --seed "${SEED:-1}" --shape "$SHAPE" \
  --out "$WORK/corpus" >&2

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
start() { # binary name port
  rm -rf "$WORK/$2"
  cp -r "$WORK/corpus" "$WORK/$2"
  "$1" serve --root "$WORK/$2" --bind "127.0.0.1:$3" --today 2026-11-23 >"$WORK/$2.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1200); do grep -q Serving "$WORK/$2.log" && return 0; sleep 0.1; done
  cat "$WORK/$2.log" >&2
  return 1
}
start "$A" a "${PORT_A:-18841}"
start "$B" b "${PORT_B:-18842}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
edit() { # name n
  local page
  page=$(find "$WORK/$1/content/droits" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
  sed -i "0,/^title: \"/s//title: \"Relu $2 - /" "$page"
  for _ in $(seq 1200); do
    [ "$(grep -c 'Search updated in' "$WORK/$1.log" || true)" -ge "$2" ] && return 0
    sleep 0.1
  done
  echo "serve $1 did not update its search in time" >&2
  return 1
}
for n in $(seq "$EDITS"); do
  edit a "$n"
  edit b "$n"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for name in a b; do
  times=$(grep -o 'Rebuilt in [0-9]* ms' "$WORK/$name.log" | grep -o '[0-9]*' | sort -n)
  median=$(echo "$times" | sed -n "$(((EDITS + 1) / 2))p")
  binary=$A
  [ "$name" = b ] && binary=$B
  echo "$binary: $(echo "$times" | tr '\n' ' ')(ms), median $median ms"
done
