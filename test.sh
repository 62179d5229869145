#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian/Ubuntu machine, then runs every test
# in Release. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/setup.sh --tests
dotnet test DeepLinear.sln -c Release --logger "console;verbosity=normal" "$@"
