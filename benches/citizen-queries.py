#!/usr/bin/env python3
"""hit@5 and MRR@5 of `balise search` on the everyday query set, for any balise binary.

    benches/citizen-queries.py BALISE_BINARY INDEX_DIR [tests/it/citizen_queries.tsv]

INDEX_DIR is the search-index/ folder that binary built (`balise build --index DIR`). The same
figures for the static search come from `cargo test --test it everyday -- --nocapture`.
"""
import json, subprocess, sys

binary, index = sys.argv[1], sys.argv[2]
path = sys.argv[3] if len(sys.argv) > 3 else "tests/it/citizen_queries.tsv"
hits, reciprocal, n = 0, 0.0, 0
for line in open(path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    query, wanted = line.rstrip("\n").split("\t")
    wanted = wanted.split()
    out = subprocess.run([binary, "search", "--index", index, "--json", "--limit", "5", query],
                         capture_output=True, text=True, check=True).stdout
    urls = [r["url"] for r in json.loads(out)["results"]]
    n += 1
    for rank, url in enumerate(urls[:5]):
        if url in wanted:
            hits += 1
            reciprocal += 1 / (rank + 1)
            break
print(f"{n} queries: hit@5 {hits / n:.3f} MRR@5 {reciprocal / n:.3f}")
