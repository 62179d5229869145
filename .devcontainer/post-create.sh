#!/usr/bin/env bash
# Run once when a dev container (either route) is created: the machine setup (Debian/Ubuntu Jupyter client for
# /usr/bin/python3, the pinned kernel restored from dotnet-tools.json), then the libraries the notebooks load,
# built in Release (which also packs the kernel extension their setup cells restore).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
dotnet build DeepLinear.sln -c Release
