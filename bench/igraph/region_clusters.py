#!/usr/bin/python3
"""The user's alternative to the pipeline for the metrics igraph has: loop igraph's C core (Debian python3-igraph,
run with /usr/bin/python3) over every cluster of a data set in the contract's CSV layout and compute betweenness,
Burt's constraint, local clustering and connected components per cluster graph — single-threaded, as a script would.

Usage: /usr/bin/python3 bench/igraph/region_clusters.py INPUT_DIR
The cluster graph is built as the contract defines it (links between two firms of the same cluster, both
directions merged, weights summed, self-loops dropped). Betweenness is exact in every cluster: igraph 0.10 (Debian)
has no pivot estimate nor `sources=`, so bench/national.sh runs the pipeline with exact betweenness everywhere too
for this comparison. Prints one JSON line: read, build and metric seconds (wall) and CPU seconds.
"""
import csv, json, sys, time
from collections import defaultdict
import igraph as ig

inp = sys.argv[1]

t0 = time.perf_counter()
cluster_of, local = {}, {}
sizes = defaultdict(int)
with open(f"{inp}/firms.csv", newline="", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        c = row["cluster_id"]
        if c:
            fid = int(row["firm_id"])
            cluster_of[fid] = c
            local[fid] = sizes[c]
            sizes[c] += 1
edges, weights = defaultdict(list), defaultdict(list)
with open(f"{inp}/links.csv", newline="", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        try:
            s, d = int(row["src_firm_id"]), int(row["dst_firm_id"])
        except ValueError:
            continue
        c = cluster_of.get(s)
        if c is None or c != cluster_of.get(d) or s == d:
            continue
        edges[c].append((local[s], local[d]))
        weights[c].append(float(row["weight"]) if row["weight"] else 1.0)
t_read = time.perf_counter() - t0

build = metrics = 0.0
for c, n in sizes.items():
    t = time.perf_counter()
    g = ig.Graph(n=n, edges=edges.get(c, []))
    g.es["weight"] = weights.get(c, [])
    g.simplify(multiple=True, loops=True, combine_edges="sum")
    build += time.perf_counter() - t
    t = time.perf_counter()
    g.betweenness(directed=False)
    g.constraint(weights="weight")
    g.transitivity_local_undirected(mode="zero")
    g.connected_components()
    metrics += time.perf_counter() - t

print(json.dumps({"tool": "igraph-script", "clusters": len(sizes), "firms": sum(sizes.values()),
                  "read_s": round(t_read, 2), "build_s": round(build, 2), "metrics_s": round(metrics, 2),
                  "total_s": round(time.perf_counter() - t0, 2), "cpu_s": round(time.process_time(), 2)}))
