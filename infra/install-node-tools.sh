#!/usr/bin/env bash
# Installs the independent Parquet readers (DuckDB, hyparquet, parquet-wasm) and Azurite that the
# tests and benchmarks use, into infra/node/node_modules. Idempotent: does nothing when up to date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/node"
stamp=node_modules/.installed-stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package.json ] && [ "$stamp" -nt package-lock.json ]; then exit 0; fi
echo "infra: installing node test tools (DuckDB, hyparquet, parquet-wasm, Azurite) into infra/node/node_modules" >&2
# npm ci rejects this lock (optional per-platform DuckDB bindings are not all listed), so install from it with npm install.
npm install --no-audit --no-fund --loglevel=error >&2
touch "$stamp"
