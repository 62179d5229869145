#!/usr/bin/env bash
# Rebuilds data/diabetes.csv from Debian's python3-sklearn package (the provenance in data/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python3-sklearn >/dev/null && dpkg -x python3-sklearn_*.deb x)
src="$work/x/usr/lib/python3/dist-packages/sklearn/datasets/data"
{
  echo "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression"
  paste -d' ' <(zcat "$src/diabetes_data_raw.csv.gz") <(zcat "$src/diabetes_target.csv.gz" | awk '{ printf "%d\n", $1 }') | tr ' ' ','
} > "$here/diabetes.csv"
