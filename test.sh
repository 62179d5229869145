#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian/Ubuntu machine, then runs every test
# in Release and closes with one "N passed, N failed" line. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh --tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test DeepLinear.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(awk '$1 == "Passed:" { s += $2 } END { print s + 0 }' "$log")
failed=$(awk '$1 == "Failed:" { s += $2 } END { print s + 0 }' "$log")
echo "$passed passed, $failed failed"
exit "$status"
