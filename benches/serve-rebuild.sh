#!/usr/bin/env bash
# How long `balise serve` takes to rebuild after one page of a large site is edited.
#
#   benches/serve-rebuild.sh [N]     # N pages (10000), corpus generated as in compare.sh
#
# Starts `balise serve` on the corpus, waits for the first build, then edits one right page
# EDITS times (3) and prints what serve reports ("Rebuilt in … ms") for each edit. The corpus is
# a copy: the edits do not touch the one compare.sh measures.
set -euo pipefail

N=${1:-10000}
EDITS=${EDITS:-3}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/balise-serve-$N}
PORT=${PORT:-18800}
mkdir -p "$WORK"

(cd "$ROOT" && cargo build --release --quiet --bin balise --example corpus)
cp "$ROOT/target/release/balise" "$WORK/balise"
rm -rf "$WORK/site"
"$ROOT/target/release/examples/corpus" --pages "$N" --seed "$SEED" --out "$WORK/site" >&2

"$WORK/balise" serve --root "$WORK/site" --bind "127.0.0.1:$PORT" --today 2026-11-23 \
  >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
trap 'kill $SERVE_PID 2>/dev/null || true' EXIT

wait_for() { # pattern count
  for _ in $(seq 1200); do
    [ "$(grep -c "$1" "$WORK/serve.log" || true)" -ge "$2" ] && return 0
    sleep 0.1
  done
  echo "serve did not report '$1' in time:" >&2
  cat "$WORK/serve.log" >&2
  return 1
}

# `Serving` is printed once the watcher is in place and the first build is done.
wait_for "Serving" 1
grep "Built .* in memory" "$WORK/serve.log"
sleep "${SETTLE:-0}"
page=$(find "$WORK/site/content/droits" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
for n in $(seq "$EDITS"); do
  printf '\nUne phrase ajoutée pour la mesure %s.\n' "$n" >>"$page"
  wait_for "Rebuilt in" "$n"
done
grep "Rebuilt in" "$WORK/serve.log"
