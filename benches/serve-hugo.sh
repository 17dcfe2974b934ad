#!/usr/bin/env bash
# Saved edits under `balise serve` and under `hugo server`, side by side: the anchor for
# the time of a rebuild after a saved edit.
#
#   benches/serve-hugo.sh [N]            # N pages (10000), seed 1, shape guide, as in compare.sh
#   SHAPE=heldout benches/serve-hugo.sh  # another shape of examples/corpus.rs
#   FAST_RENDER=1 benches/serve-hugo.sh  # Hugo in its default "fast render" mode (see below)
#   EDIT=text benches/serve-hugo.sh      # a paragraph added to the page's text instead
#   BROWSER=1 benches/serve-hugo.sh      # then the page open in Chromium, 10 text edits each
#
# Generates one corpus, serves a copy with balise and a copy with Hugo (the theme of
# benches/hugo, as compare.sh builds it), then saves the same edit of the same rights page in
# each, in turn (balise, Hugo, balise…), EDITS times (9): a new title, or with EDIT=text a
# paragraph added to the text. Prints the times each tool reports ("Rebuilt in … ms",
# "Total in … ms"), sorted, and their medians. Both serve from memory.
#
# By default Hugo runs with --disableFastRender, so that it renders every page that the edit
# changes, as balise does; in fast render mode it renders only the pages a browser has visited
# lately and the others when they are asked for (no browser visits them here).
#
# With BROWSER=1, `benches/serve-reload.mjs` then opens the edited page in Chromium, on
# balise's server and then on Hugo's, and times 10 text edits each, from the write to the new
# text shown (run `npm ci` in tests/browser first).
#
# Runs the first `hugo` on PATH, installed with apt-get when there is none. Debian's is 0.111
# (2023), which renders the whole site again on each change; a recent one rebuilds in part:
#   CGO_ENABLED=0 GOBIN=/tmp/gohugo go install github.com/gohugoio/hugo@v0.152.2
#   PATH=/tmp/gohugo:$PATH benches/serve-hugo.sh
set -euo pipefail

N=${1:-10000}
EDITS=${EDITS:-9}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHAPE=${SHAPE:-guide}
WORK=${WORK:-/tmp/balise-serve-hugo-$SHAPE-$N}
command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
mkdir -p "$WORK"
(cd "$ROOT" && cargo build --release --quiet --bin balise --example corpus)
rm -rf "$WORK/corpus"
"$ROOT/target/release/examples/corpus" --pages "$N" --seed "${SEED:-1}" --shape "$SHAPE" \
  --out "$WORK/corpus" >&2

# The rights page edited, the same in both copies of the corpus.
PAGE=$(cd "$WORK/corpus" && find content/droits -name '*.md' ! -name '_index.md' | sort | sed -n 1p)

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
wait_for() { # log pattern
  for _ in $(seq 3000); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  cat "$1" >&2
  return 1
}
rm -rf "$WORK/balise" "$WORK/hugo" "$WORK/hugo-site"
cp -r "$WORK/corpus" "$WORK/balise"
cp -r "$WORK/corpus" "$WORK/hugo"
cp -r "$ROOT/benches/hugo" "$WORK/hugo-site"
# Recent Hugo versions (0.152 here) reserve `kind` in front matter; the theme does not read it.
grep -rl '^kind:' "$WORK/hugo/content" | xargs -r sed -i 's/^kind:/section_kind:/'
"$ROOT/target/release/balise" serve --root "$WORK/balise" --bind 127.0.0.1:"${PORT_B:-18851}" \
  --today 2026-11-23 >"$WORK/balise.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/balise.log" Serving
options=(--disableFastRender)
[ -n "${FAST_RENDER:-}" ] && options=()
# Hugo 0.111 serves from memory by default; later versions write to disk unless told.
hugo server --help | grep -q -- --renderToMemory && options+=(--renderToMemory)
hugo server --source "$WORK/hugo-site" --contentDir "$WORK/hugo/content" \
  --port "${PORT_H:-18852}" --bind 127.0.0.1 "${options[@]}" >"$WORK/hugo.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/hugo.log" "Web Server is available"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
edit() { # name n pattern: the line the tool prints once it has rebuilt
  local page=$WORK/$1/$PAGE text
  # Written in place, as most editors save (sed -i would create a new file and rename it,
  # which Hugo takes for a new page).
  if [ "${EDIT:-title}" = text ]; then
    printf '\nParagraphe ajouté pour la mesure %s.\n' "$2" >>"$page"
  else
    text=$(sed "0,/^title: \"/s//title: \"Relu $2 - /" "$page")
    printf '%s\n' "$text" >"$page"
  fi
  for _ in $(seq 1200); do
    [ "$(grep -c "$3" "$WORK/$1.log" || true)" -ge "$2" ] && return 0
    sleep 0.1
  done
  echo "$1 did not rebuild in time" >&2
  return 1
}
for n in $(seq "$EDITS"); do
  # balise's search files follow the rebuild: the next edit waits for them.
  edit balise "$n" 'Search updated in'
  edit hugo "$n" 'Total in'
  sleep 1
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
report() { # name pattern
  local times median
  times=$(grep -o "$2 [0-9]* ms" "$WORK/$1.log" | grep -o '[0-9]*' | sort -n)
  median=$(echo "$times" | sed -n "$(((EDITS + 1) / 2))p")
  echo "$1: $(echo "$times" | tr '\n' ' ')(ms), median $median ms"
}
report balise 'Rebuilt in'
report hugo 'Total in'
if [ -n "${BROWSER:-}" ]; then
  url="/droits/$(basename "$PAGE" .md)/"
  echo "balise in Chromium:"
  node "$ROOT/benches/serve-reload.mjs" "http://127.0.0.1:${PORT_B:-18851}/" "$url" \
    "$WORK/balise/$PAGE" 10 | tail -1
  echo "Hugo in Chromium:"
  node "$ROOT/benches/serve-reload.mjs" "http://127.0.0.1:${PORT_H:-18852}/" "$url" \
    "$WORK/hugo/$PAGE" 10 | tail -1
fi
