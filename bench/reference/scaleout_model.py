"""Scale-out model of a national run on M machines (docs/distributed.md), calibrated on the `region` benchmark.

Usage: python3 bench/reference/scaleout_model.py REGION_DIR SILO_COMPUTE_SECONDS [CORES_PER_MACHINE] [SERIAL_SECONDS]

Cost of a cluster unit = the plan's estimate (PartitionedInput.BuildPlan): s·(m+n) + 10·(n+m), with s = n sources for
exact Brandes (n ≤ 5,000) or 512 pivots above; n firms, m internal links. Seconds per cost unit come from the region
run (Σ silo compute seconds / Σ region cost; firm partitions are folded into that rate). The national size
distribution is the generator's: 3,000 clusters, log-normal sizes with median 1,500 and ~440 above 5,000, the largest
50,000, with the region's internal links per firm. Seeded, so the model prints the same numbers every time.

SERIAL_SECONDS (default 35, measured on the national run: read and validate ~23 s, partition 6 s, aggregation's join
and Parquet write 6 s) is the part that runs once whatever the machine count. Unit inputs are no longer a serial
stage: each is staged when its unit is dispatched, overlapping the computation, and only for units on another
machine than the coordinator's ((M-1)/M of them go through the storage account).
"""
import csv, math, random, sys
from collections import Counter

region, silo_seconds = sys.argv[1], float(sys.argv[2])
cores = int(sys.argv[3]) if len(sys.argv) > 3 else 16
serial = float(sys.argv[4]) if len(sys.argv) > 4 else 35.0

def cost(n, m):
    s = n if n <= 5000 else 512
    return s * (m + n) + 10.0 * (n + m)

cluster_of = {}
with open(f"{region}/firms.csv", newline="") as f:
    for r in csv.DictReader(f):
        cluster_of[r["firm_id"]] = r["cluster_id"]
sizes = Counter(c for c in cluster_of.values() if c)
internal = Counter()
with open(f"{region}/links.csv", newline="") as f:
    for r in csv.DictReader(f):
        a, b = cluster_of.get(r["src_firm_id"]), cluster_of.get(r["dst_firm_id"])
        if a and a == b:
            internal[a] += 1
region_costs = [cost(n, internal[c]) for c, n in sizes.items()]
links_per_firm = sum(internal.values()) / sum(sizes.values())
sec_per_cost = silo_seconds / sum(region_costs)
print(f"region: {len(sizes)} clusters, {sum(sizes.values()):,} clustered firms, {links_per_firm:.2f} internal links per firm, "
      f"Σcost {sum(region_costs):.3e}, largest unit {max(region_costs):.3e} ({max(region_costs) * sec_per_cost:.1f} s)")
print(f"calibration: {sec_per_cost * 1e9:.2f} s per 10^9 cost units (one core)")

rng = random.Random(20261122)
sigma = math.log(5000 / 1500) / 1.05  # P(n > 5000) = 440/3000 ≈ 0.147 → z ≈ 1.05
national = [min(50000, max(20, int(rng.lognormvariate(math.log(1500), sigma)))) for _ in range(2999)] + [50000]
costs = [cost(n, round(n * links_per_firm)) for n in national]
total, largest = sum(costs) * sec_per_cost, max(costs) * sec_per_cost
print(f"national: {len(national)} clusters, {sum(national):,} clustered firms, {sum(n > 5000 for n in national)} above 5,000; "
      f"Σ compute {total:,.0f} core-seconds ({total / 3600:.2f} core-hours), largest unit {largest:.1f} s")
for machines in (1, 10, 50):
    spread = total / (machines * cores)
    print(f"  {machines:>3} machines × {cores} cores: compute ≥ max(Σ/(M·c) = {spread:.1f} s, largest unit {largest:.1f} s) "
          f"= {max(spread, largest):.1f} s; run ≥ serial {serial:.0f} s + compute = {serial + max(spread, largest):.0f} s, "
          f"{(machines - 1) / machines:.0%} of the unit inputs through storage")
