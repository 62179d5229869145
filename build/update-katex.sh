#!/bin/sh
# Refreshes the KaTeX files vendored into lib/DeepLinear.Notebooks/Assets/katex (embedded in the runner, copied
# into every rendered site's assets/katex). Vendored rather than fetched at build time so that a fresh clone
# builds and renders math offline. Usage: build/update-katex.sh [VERSION]   (default: the version vendored now)
set -eu
version="${1:-0.16.22}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
target="$repo/lib/DeepLinear.Notebooks/Assets/katex"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --loglevel=error "katex@$version" >/dev/null && tar xzf "katex-$version.tgz")
rm -rf "$target"
mkdir -p "$target/fonts"
cp "$work/package/dist/katex.min.js" "$work/package/dist/katex.min.css" "$work/package/dist/contrib/auto-render.min.js" "$work/package/LICENSE" "$target/"
cp "$work/package/dist/fonts/"*.woff2 "$target/fonts/"
echo "KaTeX $version vendored into $target; update the version named in lib/DeepLinear.Notebooks (csproj comment, SiteAssets, README)"
