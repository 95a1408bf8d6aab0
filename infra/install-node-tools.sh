#!/usr/bin/env bash
# Installs the independent Parquet readers (DuckDB, hyparquet, parquet-wasm) and Azurite that the
# tests and benchmarks use, into infra/node/node_modules. Idempotent: does nothing when up to date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/node"
stamp=node_modules/.installed-stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package.json ] && [ "$stamp" -nt package-lock.json ]; then exit 0; fi
echo "infra: installing node test tools (DuckDB, hyparquet, parquet-wasm, Azurite) into infra/node/node_modules" >&2
# npm ci installs exactly the versions in package-lock.json and never rewrites it (the lock lists every optional
# per-platform DuckDB binding, so npm accepts it on any platform). The registry can time out transiently: prefer the
# local npm cache and retry.
for attempt in 1 2 3; do
  if npm ci --no-audit --no-fund --loglevel=error --prefer-offline --fetch-retries=5 --fetch-timeout=120000 >&2; then
    touch "$stamp"; exit 0
  fi
  echo "infra: npm ci failed (attempt $attempt of 3); retrying" >&2
  sleep $((attempt * 10))
done
echo "infra: could not install the node test tools; see the npm errors above" >&2
exit 1
