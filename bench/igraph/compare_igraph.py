#!/usr/bin/python3
"""Cross-checks and times igraph's C core (Debian python3-igraph 0.10, run with /usr/bin/python3) against the
pipeline's kernels on the same cluster graph.

Usage: /usr/bin/python3 bench/igraph/compare_igraph.py GRAPH.edges [OURS.json]
  GRAPH.edges: first line n, then "u v w" per link (parallel and reversed links allowed; summed here, as the
               cluster graph does), e.g. the hub-N.edges files that Pipeline.Bench writes (bench/metrics.sh).
  OURS.json:   optional {"betweenness": [...], "constraint": [...], "clustering": [...]} from our kernels on the
               same file; the script prints the largest relative difference to igraph for each.
igraph's undirected betweenness counts unordered pairs, so it is normalised here by 2/((n-1)(n-2)) to compare with
networkx.betweenness_centrality. Timing: the metric call only, single-threaded, best of up to 3 runs within ~3 s (wall and CPU);
prints one JSON line per metric."""
import json, sys, time
import igraph as ig


def load(path):
    with open(path) as fh:
        n = int(fh.readline())
        edges, weights = [], []
        for line in fh:
            u, v, w = line.split()
            if u != v:
                edges.append((int(u), int(v))); weights.append(float(w))
    g = ig.Graph(n=n, edges=edges)
    g.es["weight"] = weights
    g.simplify(multiple=True, loops=True, combine_edges="sum")
    return g


def best(fn):
    """(best wall seconds, best CPU seconds, result); CPU time is the fairer number on a shared machine."""
    out = fn()
    walls, cpus, start = [], [], time.perf_counter()
    while len(walls) < 3 and (not walls or time.perf_counter() - start < 3):
        t, c = time.perf_counter(), time.process_time(); fn()
        walls.append(time.perf_counter() - t); cpus.append(time.process_time() - c)
    return min(walls), min(cpus), out


def max_rel(a, b):
    worst = 0.0
    for x, y in zip(a, b):
        if x != x and y != y:      # both NaN (isolated node)
            continue
        worst = max(worst, abs(x - y) / max(abs(x), 1e-12))
    return worst


g = load(sys.argv[1])
n = g.vcount()
norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
results = {
    "betweenness": best(lambda: [b * norm for b in g.betweenness(directed=False)]),
    "constraint": best(lambda: g.constraint(weights="weight")),
    "clustering": best(lambda: g.transitivity_local_undirected(mode="zero")),
}
ours = json.load(open(sys.argv[2])) if len(sys.argv) > 2 else {}
for metric, (seconds, cpu, values) in results.items():
    row = dict(tool="igraph " + ig.__version__, n=n, links=g.ecount(), metric=metric, seconds=round(seconds, 5), cpu_seconds=round(cpu, 5))
    if metric in ours:
        row["max_rel_diff_vs_ours"] = max_rel(values, ours[metric])
    print(json.dumps(row), flush=True)
