#!/usr/bin/env bash
# Idempotent machine setup for a fresh clone. The .NET 10 SDK must already be on PATH.
#   scripts/setup.sh           what the main job needs
#   scripts/setup.sh --tests   plus what the tests need (headless Chromium, nbformat as an independent judge)
set -euo pipefail
need=()
if [ "${1:-}" = "--tests" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  python3 -c 'import nbformat' >/dev/null 2>&1 || need+=(python3-nbformat)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: please install: ${need[*]} (apt-get install -y ${need[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
