#!/usr/bin/env python3
"""Times NetworkX (pure Python, the contract's reference) on the benchmark edge lists: weighted effective size and
constraint. Far too slow above ~5,000 nodes, so bench/metrics.sh only passes the small graph. Prints JSON lines."""
import json, sys, time
import networkx as nx

for path in sys.argv[1:]:
    size = int(path.rsplit("-", 1)[1].split(".")[0])
    G = nx.Graph()
    with open(path) as fh:
        G.add_nodes_from(range(int(fh.readline())))
        for line in fh:
            u, v, w = line.split(); u, v, w = int(u), int(v), float(w)
            G.add_edge(u, v, weight=G[u][v]["weight"] + w if G.has_edge(u, v) else w)
    for metric, fn in (("effective_size", lambda: nx.effective_size(G, weight="weight")),
                       ("constraint", lambda: nx.constraint(G, weight="weight"))):
        t = time.perf_counter(); fn()
        print(json.dumps(dict(tool="networkx", size=size, metric=metric, seconds=time.perf_counter() - t)), flush=True)
