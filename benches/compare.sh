#!/usr/bin/env bash
# balise side by side with Hugo (build) and Pagefind (static search), on one generated corpus.
#
#   benches/compare.sh [N]          # N pages, 10000 by default
#   benches/compare.sh shapes [N]   # build times only, for each corpus shape, on tmpfs and disk
#
# `shapes` generates one corpus per shape of examples/corpus.rs (SHAPES, default "guide heldout
# short long dense") and, for each, times both tools side by side (interleaved, median of RUNS)
# twice: each writing into an empty folder on the tmpfs, and each rebuilding into its existing
# output folder on the disk (DISK, default WORK/disk: a folder of the root file system), as a
# person rebuilds; the first build of each tool on the disk, which creates the folder, is not
# timed, and `sync` runs before each timed build so that neither pays for the other's writes.
#
# Environment: RUNS (builds of each tool, median reported; 3), SEED (corpus seed; 1),
# WORK (scratch folder; /tmp/balise-compare-N), OUT (where both tools write their output; a
# tmpfs, /dev/shm/balise-compare-N, when there is one, so that the figures measure the generators
# and not the disk), ONLY=balise (skip Hugo, Pagefind and wrk, for 100,000 pages), WRK_SECONDS
# (duration of each wrk run; 20), SHAPE (corpus shape of the full comparison; guide), SKIP_BUILD=1
# (use the release binaries already built).
#
# Installs what it needs when missing: Debian packages hugo, time and wrk (apt-get), and the npm
# package pagefind (into WORK, with its prebuilt linux-x64 binary). Chromium (/usr/bin/chromium)
# and playwright-core (tests/browser/node_modules, `npm ci` there) measure the first search.
# Builds run one after the other, balise and Hugo interleaved, each into an empty folder; the
# machine should be quiet (the load average is printed first).
set -euo pipefail

MODE=full
if [ "${1:-}" = shapes ]; then MODE=shapes; shift; fi
N=${1:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
ONLY=${ONLY:-}
WRK_SECONDS=${WRK_SECONDS:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/balise-compare-$N}
SHAPE=${SHAPE:-guide}
CORPUS=$WORK/corpus
if [ -z "${OUT:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT=/dev/shm/balise-compare-$N; else OUT=$WORK; fi
fi
mkdir -p "$OUT"
TODAY=2026-11-23
QUERIES=("licenciement" "refus logement")
mkdir -p "$WORK/bin"

say() { printf '\n== %s\n' "$*" >&2; }

apt_install() {
  say "installing $* with apt-get"
  if [ "$(id -u)" = 0 ]; then apt-get install -y "$@" >&2; else sudo apt-get install -y "$@" >&2; fi
}

[ -x /usr/bin/time ] || apt_install time
if [ -z "$ONLY" ]; then
  command -v hugo >/dev/null || apt_install hugo
  command -v wrk >/dev/null || apt_install wrk
fi

say "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

RELEASE=${CARGO_TARGET_DIR:-$ROOT/target}/release
if [ -z "${SKIP_BUILD:-}" ]; then
  say "building balise and the corpus generator (release)"
  (cd "$ROOT" && cargo build --release --quiet --bin balise --example corpus)
fi
# Private copies: target/ may be rebuilt by someone else while this runs.
cp "$RELEASE/balise" "$WORK/bin/balise"
cp "$RELEASE/examples/corpus" "$WORK/bin/corpus"
BALISE=$WORK/bin/balise

# generate DIR SHAPE: the corpus of that shape, unless DIR already has it.
generate() {
  if [ "$(cat "$1.id" 2>/dev/null)" != "$N-$SEED-$2" ]; then
    say "generating $N pages (seed $SEED, shape $2)"
    "$WORK/bin/corpus" --pages "$N" --seed "$SEED" --shape "$2" --out "$1" >&2
    echo "$N-$SEED-$2" >"$1.id"
  fi
}

# Runs a command under /usr/bin/time -v; prints "wall-seconds peak-kib cpu-seconds".
measure() {
  local log=$WORK/time.log
  /usr/bin/time -v "$@" >"$WORK/cmd.out" 2>"$log" || { cat "$WORK/cmd.out" "$log" >&2; return 1; }
  local wall kib cpu
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" |
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log")
  echo "$wall $kib $cpu"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

if [ "$MODE" = shapes ]; then
  SHAPES=${SHAPES:-guide heldout short long dense}
  DISK=${DISK:-$WORK/disk}
  command -v hugo >/dev/null || apt_install hugo
  mkdir -p "$DISK"
  # rebuild TOOL CORPUS DEST: one build of TOOL from CORPUS into DEST (kept as it is).
  rebuild() {
    case $1 in
      balise) measure "$BALISE" build --root "$2" --output "$3/public" --index "$3/index" \
        --today "$TODAY" ;;
      hugo)
        mkdir -p "$3"
        rm -rf "$3/site" && cp -r "$ROOT/benches/hugo" "$3/site"
        measure hugo --source "$3/site" --contentDir "$2/content" --destination "$3/public" --quiet ;;
    esac
  }
  ratio() { awk -v b="$1" -v h="$2" 'BEGIN { printf "%.2f", b / h }'; }
  : >"$WORK/shapes.txt"
  for shape in $SHAPES; do
    corpus=$WORK/corpus-$shape
    generate "$corpus" "$shape"
    words=$(find "$corpus/content" -name '*.md' ! -name '_index.md' -exec cat {} + |
      awk '/^---$/ { fm = !fm; next } !fm { w += NF } END { print w }')
    pages=$(find "$corpus/content" -name '*.md' ! -name '_index.md' | wc -l)
    for where in tmpfs disk; do
      for tool in balise hugo; do : >"$WORK/$shape-$where-$tool.runs"; done
      if [ $where = disk ]; then
        for tool in balise hugo; do
          rm -rf "$DISK/$shape-$tool"
          rebuild "$tool" "$corpus" "$DISK/$shape-$tool" >/dev/null # creates the output, not timed
        done
      fi
      for run in $(seq "$RUNS"); do
        for tool in balise hugo; do
          if [ $where = tmpfs ]; then
            dest=$OUT/$shape-$tool
            rm -rf "$dest"
          else
            dest=$DISK/$shape-$tool
            sync
          fi
          say "$shape, $where, run $run/$RUNS: $tool"
          rebuild "$tool" "$corpus" "$dest" | tee -a "$WORK/$shape-$where-$tool.runs" >&2
        done
      done
      rm -rf "$OUT/$shape-balise" "$OUT/$shape-hugo"
    done
    col() { cut -d' ' -f"$2" "$WORK/$shape-$1.runs" | median; }
    bt=$(col tmpfs-balise 1) ht=$(col tmpfs-hugo 1) bd=$(col disk-balise 1) hd=$(col disk-hugo 1)
    bc=$(col tmpfs-balise 3) hc=$(col tmpfs-hugo 3)
    printf '%-8s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s\n' "$shape" "$bt" "$ht" \
      "$(ratio "$bt" "$ht")" "$bd" "$hd" "$(ratio "$bd" "$hd")" "$bc" "$hc" "$(ratio "$bc" "$hc")" \
      "$(($(col tmpfs-balise 2) / 1024))" "$(($(col tmpfs-hugo 2) / 1024))" "$((words / pages))" \
      >>"$WORK/shapes.txt"
  done
  printf '\n%s pages, seed %s, median of %s runs, balise and Hugo interleaved; load average now %s\n' \
    "$N" "$SEED" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-8s %20s %20s %20s %13s %6s\n' "" "wall s, tmpfs" "wall s, disk" "CPU s, tmpfs" \
    "peak MiB" words
  printf '%-8s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s\n' shape balise hugo ratio \
    balise hugo ratio balise hugo ratio balise hugo /page
  cat "$WORK/shapes.txt"
  printf 'raw figures (wall s, peak KiB, CPU s) in %s/<shape>-<tmpfs|disk>-<tool>.runs\n' "$WORK"
  exit 0
fi

generate "$CORPUS" "$SHAPE"

build_balise() {
  rm -rf "$OUT/balise-public" "$OUT/balise-index"
  measure "$BALISE" build --root "$CORPUS" --output "$OUT/balise-public" \
    --index "$OUT/balise-index" --today "$TODAY"
}

build_hugo() {
  rm -rf "$OUT/hugo-public" "$WORK/hugo-site"
  cp -r "$ROOT/benches/hugo" "$WORK/hugo-site"
  measure hugo --source "$WORK/hugo-site" --contentDir "$CORPUS/content" \
    --destination "$OUT/hugo-public" --quiet
}

: >"$WORK/balise.runs"
: >"$WORK/hugo.runs"
for run in $(seq "$RUNS"); do
  say "build $run/$RUNS: balise"
  build_balise | tee -a "$WORK/balise.runs" >&2
  if [ -z "$ONLY" ]; then
    say "build $run/$RUNS: Hugo"
    build_hugo | tee -a "$WORK/hugo.runs" >&2
  fi
done

size_mib() { du -sk "$1" | awk '{ printf "%.0f", $1 / 1024 }'; }
files() { find "$1" -type f | wc -l; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }

b_wall=$(cut -d' ' -f1 "$WORK/balise.runs" | median)
b_mem=$(cut -d' ' -f2 "$WORK/balise.runs" | median)
b_cpu=$(cut -d' ' -f3 "$WORK/balise.runs" | median)
b_size=$(size_mib "$OUT/balise-public")
b_files=$(files "$OUT/balise-public")

if [ -n "$ONLY" ]; then
  printf '\n%s pages, %s runs (median), load average before: see above\n' "$N" "$RUNS"
  printf 'balise build: %s s wall, %s s CPU, %s MiB peak memory, %s MiB, %s files\n' \
    "$b_wall" "$b_cpu" "$((b_mem / 1024))" "$b_size" "$b_files"
  printf 'runs (seconds, KiB): %s\n' "$(tr '\n' ';' <"$WORK/balise.runs")"
  exit 0
fi

h_wall=$(cut -d' ' -f1 "$WORK/hugo.runs" | median)
h_mem=$(cut -d' ' -f2 "$WORK/hugo.runs" | median)
h_cpu=$(cut -d' ' -f3 "$WORK/hugo.runs" | median)
h_size=$(size_mib "$OUT/hugo-public")
h_files=$(files "$OUT/hugo-public")

say "Pagefind on balise's output"
PAGEFIND_DIR=$WORK/pagefind-npm
if [ ! -d "$PAGEFIND_DIR/node_modules/pagefind" ]; then
  mkdir -p "$PAGEFIND_DIR"
  (cd "$PAGEFIND_DIR" && npm install --no-audit --no-fund pagefind >&2)
fi
PAGEFIND=$(ls "$PAGEFIND_DIR"/node_modules/@pagefind/linux-x64/bin/pagefind_extended \
  "$PAGEFIND_DIR"/node_modules/@pagefind/linux-x64/bin/pagefind 2>/dev/null | head -1 || true)
if [ -z "$PAGEFIND" ]; then
  echo "Pagefind: no prebuilt linux-x64 binary in the npm package; Pagefind is left out" >&2
  p_wall=- p_mem=0 p_size=-
else
  rm -rf "$OUT/pagefind-site"
  cp -r "$OUT/balise-public" "$OUT/pagefind-site"
  read -r p_wall p_mem _ < <(measure "$PAGEFIND" --site "$OUT/pagefind-site")
  p_size=$(size_mib "$OUT/pagefind-site/pagefind")
fi

say "first search in headless Chromium"
node "$ROOT/benches/first-search.mjs" "$OUT/balise-public" balise "${QUERIES[@]}" >"$WORK/search.jsonl"
if [ -n "$PAGEFIND" ]; then
  node "$ROOT/benches/first-search.mjs" "$OUT/pagefind-site" pagefind "${QUERIES[@]}" >>"$WORK/search.jsonl"
fi
search_bytes() { # engine way query
  node -e 'const [e, w, q] = process.argv.slice(1);
    for (const l of require("fs").readFileSync(process.argv[4] || "/dev/stdin", "utf8").split("\n"))
      if (l) { const r = JSON.parse(l); if (r.engine === e && r.way === w && r.query === q) { console.log(r.bytes); process.exit(0); } }
    console.log(0);' "$1" "$2" "$3" "$WORK/search.jsonl"
}

say "search-api under wrk"
PORT=18787
"$BALISE" search-api --index "$OUT/balise-index" --bind "127.0.0.1:$PORT" >"$WORK/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/api/search?q=refus%20logement"
# Plain wrk has no rate option (wrk2 is not packaged in Debian): each of the 50 connections
# waits 100 ms between requests, which paces the load at about 500 requests/s.
cat >"$WORK/pace.lua" <<'EOF'
function delay() return 100 end
EOF
wrk -t2 -c50 -d"${WRK_SECONDS}s" --latency -s "$WORK/pace.lua" "$URL" >"$WORK/wrk-paced.txt"
wrk -t2 -c50 -d"${WRK_SECONDS}s" --latency "$URL" >"$WORK/wrk-max.txt"
kill $API_PID 2>/dev/null || true
p99() { awk '$1 == "99%" { print $2 }' "$1"; }
rps() { awk '/Requests\/sec/ { printf "%.0f", $2 }' "$1"; }
errors() { grep -E 'Socket errors|Non-2xx' "$1" | tr -s ' ' | paste -sd';' - || true; }

printf '\n%s pages, seed %s; builds: median of %s runs each, balise and Hugo interleaved\n' "$N" "$SEED" "$RUNS"
printf '%-50s %16s %16s\n' "" "balise" "Hugo / Pagefind"
printf '%-50s %16s %16s\n' "build wall time (s)" "$b_wall" "$h_wall"
printf '%-50s %16s %16s\n' "build CPU time, user + system (s)" "$b_cpu" "$h_cpu"
printf '%-50s %16s %16s\n' "build peak memory (MiB)" "$((b_mem / 1024))" "$((h_mem / 1024))"
printf '%-50s %16s %16s\n' "output size (MiB, du)" "$b_size" "$h_size"
printf '%-50s %16s %16s\n' "output files" "$b_files" "$h_files"
printf '%-50s %16s %16s\n' "Pagefind indexing of that output (s)" "(in build)" "$p_wall"
printf '%-50s %16s %16s\n' "Pagefind peak memory (MiB)" "-" "$((p_mem / 1024))"
printf '%-50s %16s %16s\n' "static search index size (MiB)" "$(size_mib "$OUT/balise-public/search")" "$p_size"
for q in "${QUERIES[@]}"; do
  printf '%-50s %16s %16s\n' "first search \"$q\", search page (kB)" \
    "$(kb "$(search_bytes balise page "$q")")" "$(kb "$(search_bytes pagefind page "$q")")"
  printf '%-50s %16s %16s\n' "first search \"$q\", JS API 10 results (kB)" \
    "$(kb "$(search_bytes balise api "$q")")" "$(kb "$(search_bytes pagefind api "$q")")"
done
printf '%-50s %16s\n' "search-api ~500 req/s: p99 latency" "$(p99 "$WORK/wrk-paced.txt")"
printf '%-50s %16s\n' "search-api ~500 req/s: requests/s achieved" "$(rps "$WORK/wrk-paced.txt")"
printf '%-50s %16s\n' "search-api unpaced: requests/s" "$(rps "$WORK/wrk-max.txt")"
printf '%-50s %16s\n' "search-api unpaced: p99 latency" "$(p99 "$WORK/wrk-max.txt")"
printf 'wrk errors: paced [%s] unpaced [%s]\n' "$(errors "$WORK/wrk-paced.txt")" "$(errors "$WORK/wrk-max.txt")"
printf 'outputs in %s; raw figures in %s (balise.runs, hugo.runs, search.jsonl, wrk-*.txt)\n' "$OUT" "$WORK"
