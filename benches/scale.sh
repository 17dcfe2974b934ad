#!/usr/bin/env bash
# How the build grows from 10,000 to 100,000 pages: both sizes of each shape, built one after
# the other (10,000, then 100,000) RUNS times, each into an empty folder on the tmpfs.
#
#   benches/scale.sh [SHAPES…]      # corpus shapes of examples/corpus.rs; guide heldout by default
#
# Prints one line per build, "shape pages wall-s user-s system-s peak-KiB" (/usr/bin/time),
# then the median wall time of each size and their ratio (issue 14: at most 10.5×). Corpora
# are generated once into WORK (/tmp/balise-scale); the machine should be quiet.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/balise-scale}
OUT=${OUT:-/dev/shm/balise-scale}
RUNS=${RUNS:-3}
SHAPES=("$@")
[ ${#SHAPES[@]} -gt 0 ] || SHAPES=(guide heldout)
mkdir -p "$WORK/bin"

(cd "$ROOT" && cargo build --release --quiet --bin balise --example corpus)
cp "$ROOT/target/release/balise" "$ROOT/target/release/examples/corpus" "$WORK/bin/"

for shape in "${SHAPES[@]}"; do
  for n in 10000 100000; do
    [ -d "$WORK/corpus-$shape-$n" ] ||
      "$WORK/bin/corpus" --pages "$n" --seed 1 --shape "$shape" --out "$WORK/corpus-$shape-$n" >&2
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
: >"$WORK/times.txt"
for shape in "${SHAPES[@]}"; do
  for _ in $(seq "$RUNS"); do
    for n in 10000 100000; do
      rm -rf "$OUT"
      sync
      /usr/bin/time -f "$shape $n %e %U %S %M" "$WORK/bin/balise" build --root "$WORK/corpus-$shape-$n" \
        --output "$OUT/public" --index "$OUT/index" --today 2026-11-23 >/dev/null 2>>"$WORK/times.txt"
      tail -1 "$WORK/times.txt"
    done
  done
done
rm -rf "$OUT"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for shape in "${SHAPES[@]}"; do
  small=$(grep "^$shape 10000 " "$WORK/times.txt" | cut -d' ' -f3 | median)
  large=$(grep "^$shape 100000 " "$WORK/times.txt" | cut -d' ' -f3 | median)
  peak=$(grep "^$shape 100000 " "$WORK/times.txt" | cut -d' ' -f6 | median)
  awk -v s="$shape" -v a="$small" -v b="$large" -v p="$peak" \
    'BEGIN { printf "%s: 10,000 pages %.2f s, 100,000 pages %.2f s: %.1f×; peak at 100,000 %d MiB\n", s, a, b, b / a, p / 1024 }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
