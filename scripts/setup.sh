#!/usr/bin/env bash
# Idempotent, offline-safe machine setup for a fresh clone of a Debian 12 or Ubuntu 24.04 machine that has the
# .NET 10 SDK on PATH. It checks what the notebooks and tests really use and installs only what is missing, so
# on a machine that has everything it changes nothing, needs no network and succeeds.
#   scripts/setup.sh           what the main job needs: the pinned .NET Interactive kernel (dotnet-tools.json)
#                              and the Jupyter client that runs notebooks in it, Debian's, for /usr/bin/python3
#   scripts/setup.sh --tests   plus what the tests need beside that (headless Chromium for the site)
# Then `dotnet build DeepLinear.sln -c Release` builds the libraries the notebooks load (and packs their kernel
# extension into artifacts/packages).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Debian's Jupyter packages install for /usr/bin/python3; the python3 first on PATH may be another build
# (pyenv on our machines) without them, so that is the interpreter checked and used.
python=/usr/bin/python3
declare -A module_package=(
  [nbclient]=python3-nbclient
  [jupyter_client]=python3-jupyter-client
  [nbformat]=python3-nbformat
  [nbconvert]=jupyter-nbconvert
  [ipykernel]=python3-ipykernel
)
need=()
for module in nbclient jupyter_client nbformat nbconvert ipykernel; do
  [ -x "$python" ] && "$python" -c "import $module" >/dev/null 2>&1 || need+=("${module_package[$module]}")
done
if [ "${1:-}" = "--tests" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ ${#need[@]} -gt 0 ]; then
  # As root, or through password-less sudo (a dev container's user); the tool restore below stays the caller's.
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "setup: missing ${need[*]}; as root run: apt-get update && apt-get install -y ${need[*]}" >&2
      exit 1
    fi
  fi
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The kernel runs on the shared ASP.NET Core runtime of the same major version as the SDK (the SDK carries it).
if ! dotnet --list-runtimes | grep -q '^Microsoft.AspNetCore.App 10\.'; then
  echo "setup: the .NET Interactive kernel needs the Microsoft.AspNetCore.App 10.0 runtime, which 'dotnet --list-runtimes' does not list; install the .NET 10 SDK" >&2
  exit 1
fi

# The pinned kernel: restored from NuGet only when the local tool cannot already run.
if ! dotnet tool run dotnet-interactive -- --version >/dev/null 2>&1; then
  dotnet tool restore
fi
