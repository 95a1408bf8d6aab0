#!/usr/bin/env bash
# Installs Debian's chromium (headless browser used by the report tests) when it is absent. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then echo "infra: chromium is missing and apt-get is not available; install chromium" >&2; exit 1; fi
echo "infra: installing chromium (apt-get) for the report tests" >&2
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
for attempt in 1 2 3; do
  if $sudo_cmd apt-get update -qq >&2 && $sudo_cmd apt-get install -y -qq --no-install-recommends chromium >&2; then exit 0; fi
  echo "infra: apt-get install chromium failed (attempt $attempt of 3); retrying" >&2
  sleep $((attempt * 10))
done
exit 1
