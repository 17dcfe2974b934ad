#!/usr/bin/env bash
# How long `balise serve` takes to rebuild after one page of a large site is edited.
#
#   benches/serve-rebuild.sh [N]     # N pages (10000), corpus generated as in compare.sh
#
# Starts `balise serve` on the corpus, waits for the first build, then edits the text of one
# right page EDITS times (10) and prints what serve reports for each edit: "Rebuilt in … ms"
# (the edited page served) and "Search updated in … ms" (the search files and the index of the
# search API, built again on their own thread); then the median of each. Each edit waits for
# the search of the one before. Then FM_EDITS (5) edits of the same page's title, which
# reaches other pages (its section, term pages, feeds, the orientation path…), and their median;
# then a new page and its deletion (the content pass). The corpus is a copy: the edits do not touch the one
# compare.sh measures. With BROWSER=1, then: the same edits seen in Chromium
# (benches/serve-reload.mjs, playwright-core of tests/browser), time from the write to the
# page shown again, and their median; with EDIT=title too, title edits instead of text edits.
# BIN=path serves that binary instead of this tree's.
set -euo pipefail

N=${1:-10000}
EDITS=${EDITS:-10}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/balise-serve-$N}
PORT=${PORT:-18800}
mkdir -p "$WORK"

(cd "$ROOT" && cargo build --release --quiet --bin balise --example corpus)
# BIN=path measures another binary (an older commit's) with the same script and corpus.
cp "${BIN:-$ROOT/target/release/balise}" "$WORK/balise"
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
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $(seq "$EDITS"); do
  printf '\nUne phrase ajoutée pour la mesure %s.\n' "$n" >>"$page"
  wait_for "Rebuilt in" "$n"
  wait_for "Search updated in" "$n"
done
grep -E "Rebuilt in|Search updated in" "$WORK/serve.log"
median() { # pattern
  grep -o "$1 [0-9]* ms" "$WORK/serve.log" | grep -o '[0-9]*' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
summary="median of $EDITS edits: rebuilt in $(median "Rebuilt in") ms, search updated in $(median "Search updated in") ms"
echo "$summary"
# Edits of the front matter: the title, a different one each time.
FM_EDITS=${FM_EDITS:-5}
before=$(grep -c "Rebuilt in" "$WORK/serve.log")
searched=$(grep -c "Search updated in" "$WORK/serve.log")
for n in $(seq "$FM_EDITS"); do
  sed -i "0,/^title: \"/s//title: \"Relu $n - /" "$page"
  wait_for "Rebuilt in" $((before + n))
  wait_for "Search updated in" $((searched + n))
done
grep "Rebuilt in" "$WORK/serve.log" | tail -n "$FM_EDITS"
echo "median of $FM_EDITS front-matter edits: rebuilt in $(grep "Rebuilt in" "$WORK/serve.log" | tail -n "$FM_EDITS" |
  grep -o 'Rebuilt in [0-9]* ms' | grep -o '[0-9]*' | sort -n | sed -n "$(((FM_EDITS + 1) / 2))p") ms"
# The edited page is served before the rest of the rebuild (README, "Live preview").
if grep -q "Edited page served in" "$WORK/serve.log"; then
  echo "median of $FM_EDITS front-matter edits: edited page served in $(grep "Edited page served in" "$WORK/serve.log" |
    tail -n "$FM_EDITS" | grep -o '[0-9]* ms' | grep -o '[0-9]*' | sort -n | sed -n "$(((FM_EDITS + 1) / 2))p") ms"
fi
# A new page, then that page deleted: the content pass (the whole content read again).
before=$(grep -c "Rebuilt in" "$WORK/serve.log")
cp "$page" "${page%.md}-copie.md"
wait_for "Rebuilt in" $((before + 1))
rm "${page%.md}-copie.md"
wait_for "Rebuilt in" $((before + 2))
echo "new page, then deleted (content pass):"
grep "Rebuilt in" "$WORK/serve.log" | tail -n 2
grep -E "VmHWM|VmRSS" "/proc/$SERVE_PID/status" | tr -s ' \t' ' '

if [ "${BROWSER:-0}" = 1 ]; then
  [ -d "$ROOT/tests/browser/node_modules/playwright-core" ] || (cd "$ROOT/tests/browser" && npm ci --silent)
  rel=${page#"$WORK/site/content/"}
  node "$ROOT/benches/serve-reload.mjs" "http://127.0.0.1:$PORT/" "/${rel%.md}/" "$page" "$EDITS"
fi
