#!/usr/bin/env bash
# Load on `balise search-api`: idle RSS, then wrk with N connections for D seconds (p50/p99 and
# requests per second), peak RSS and threads during the load, and RSS 5 s after it.
#
#   benches/search-api-load.sh BINARY INDEX_DIR [CONNECTIONS=200] [SECONDS=30]
#
# Needs wrk (`apt-get install -y wrk`). Prints one summary line at the end.
set -euo pipefail
bin=${1:?balise binary}
index=${2:?search index folder}
connections=${3:-200}
seconds=${4:-30}
port=$((20000 + RANDOM % 20000))

"$bin" search-api --index "$index" --bind "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
field() { awk -v f="$1" '$1 == f {print $2}' "/proc/$pid/status"; }
idle=$(field VmRSS:)

peak_rss=0
peak_threads=0
wrk -t2 -c"$connections" -d"${seconds}s" --latency \
  "http://127.0.0.1:$port/api/search?q=discrimination%20emploi" >/tmp/search-api-wrk.$$ &
wrk_pid=$!
while kill -0 $wrk_pid 2>/dev/null; do
  rss=$(field VmRSS:); threads=$(field Threads:)
  ((rss > peak_rss)) && peak_rss=$rss
  ((threads > peak_threads)) && peak_threads=$threads
  sleep 0.2
done
wait $wrk_pid || true
sleep 5
after=$(field VmRSS:)
after_threads=$(field Threads:)
cat /tmp/search-api-wrk.$$
p50=$(awk '$1 == "50%" {print $2}' /tmp/search-api-wrk.$$)
p99=$(awk '$1 == "99%" {print $2}' /tmp/search-api-wrk.$$)
rps=$(awk '$1 == "Requests/sec:" {print $2}' /tmp/search-api-wrk.$$)
non2xx=$(awk '/Non-2xx/ {print $NF}' /tmp/search-api-wrk.$$)
rm -f /tmp/search-api-wrk.$$
echo "connections=$connections seconds=$seconds idle_rss_kb=$idle peak_rss_kb=$peak_rss peak_threads=$peak_threads rss_5s_after_kb=$after threads_after=$after_threads p50=$p50 p99=$p99 req_per_s=$rps non_2xx=${non2xx:-0}"
