#!/usr/bin/env bash
# The OpenSearch tests against one real node: starts it (tests/opensearch/start.sh), runs
# `cargo test --test it opensearch` with BALISE_REQUIRE_OPENSEARCH=1 (a skipped test fails),
# and stops the node whatever happens. Needs Java 17+, Maven and curl (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null || ! command -v mvn >/dev/null || ! command -v curl >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless maven curl >/dev/null
fi

trap 'tests/opensearch/stop.sh' EXIT
url=$(tests/opensearch/start.sh | sed -n 's/^OPENSEARCH_URL=//p')
if [[ -z $url ]]; then
  echo ".ci/opensearch.sh: the node did not start" >&2
  exit 1
fi
BALISE_REQUIRE_OPENSEARCH=1 OPENSEARCH_URL=$url cargo test --test it opensearch
