"""The offline gazetteer: GeoNames places, admin regions and countries, plus curated names, looked up by name.

Data: ``resources/places/gazetteer.tsv.gz``, rebuilt by ``scripts/build_gazetteer.py`` from GeoNames data in
installed packages and the curated files beside it: ``curated.tsv`` (camps, neighbourhoods, hospitals, crossings),
``country_aliases.tsv``, ``admin_aliases.tsv``, ``admin_regions.tsv`` (regions newer than GeoNames),
``place_words.tsv``, ``name_variants.tsv``, ``english_names.tsv`` (the English name news writes for a town GeoNames
spells another way: "Jenin", not "Janin") (``CURATED_FILES``). A lookup is a binary search on a normalised key;
ties between places of one name go to the hinted country, then the article's countries, then population, a national
capital counting as ten times its size; a town that bears the name only as an alternate (GeoNames gathers them from
every language) gives way to a place abroad whose own name it is, unless it dwarfs it (``_borrowed``); a match on the
transliteration skeleton alone counts only in the countries at hand.
"""

from __future__ import annotations

import bisect
import gzip
import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Literal, cast

from storyline.extract.places_names import bare_key, loose_key, name_key, smooth_key
from storyline.lexicon_files import read_rows
from storyline.models import Location, PlacePrecision

Want = Literal["admin", "place"] | None
Level = Literal["exact", "bare", "loose"]
GAZETTEER_FILE = "gazetteer.tsv.gz"  # built by scripts/build_gazetteer.py
# The curated files the gazetteer is built from, in the order their bytes make its digest (the build script and the
# test that the shipped file is current read this one list).
CURATED_FILES = (
    "country_aliases.tsv",
    "admin_aliases.tsv",
    "admin_regions.tsv",
    "curated.tsv",
    "place_words.tsv",
    "name_variants.tsv",
    "english_names.tsv",
)
_SPLIT = re.compile(r"\s+[-–—]\s+|,\s+")


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found under a name, and whether the name is its main name (not an alternate)."""

    entry: Entry
    main: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record."""

    name: str
    lat: float | None
    lon: float | None
    cc: str  # ISO2
    admin1: str
    admin2: str
    population: int
    precision: PlacePrecision
    source: str = ""  # "" for GeoNames; the curated file's source for curated places

    @property
    def curated(self) -> bool:
        """True for hand-curated places (camps, neighbourhoods, landmarks)."""
        return bool(self.source)


def _parse_entry(line: str) -> Entry:
    """An entry from its line in the gazetteer file."""
    name, lat, lon, cc, admin1, admin2, population, precision, source = line.split("\t")
    kind = cast(PlacePrecision, precision)
    return Entry(name, _float(lat), _float(lon), cc, admin1, admin2, int(population), kind, source)


def _float(value: str) -> float | None:
    """A coordinate, or None when the field is empty."""
    return float(value) if value else None


def _resource(name: str) -> bytes:
    """Bytes of a file in ``resources/places``."""
    return files("storyline").joinpath("resources", "places", name).read_bytes()


@lru_cache(maxsize=1)
def admin_types() -> dict[str, frozenset[str]]:
    """Region type word → ISO2 codes of the countries whose subdivisions carry it (``admin_types.tsv``)."""
    return {word: frozenset(codes.split()) for word, codes in read_rows("places", "admin_types.tsv")}


@lru_cache(maxsize=1)
def place_words() -> dict[str, str]:
    """Word → role ("admin", "settlement", "facility", ...; the roles are described in the file's header)."""
    lines = _resource("place_words.tsv").decode("utf-8").splitlines()
    return dict(cast(tuple[str, str], tuple(line.split("\t")[:2])) for line in lines if line and line[0] != "#")


class SortedIndex:
    """Sorted keys and their values as two line lists: loading is two C-level splits, a lookup a binary search."""

    def __init__(self, keys: str, values: str) -> None:
        self._keys = keys.split("\n")
        self._values = values.split("\n")

    def get(self, key: str) -> str | None:
        """The value filed under ``key``, or None."""
        i = bisect.bisect_left(self._keys, key)
        return self._values[i] if i < len(self._keys) and self._keys[i] == key else None

    def __len__(self) -> int:
        return len(self._keys)


class Gazetteer:
    """Names → entries, with the ranking that picks one entry for a name in context."""

    def __init__(self, data: bytes | None = None) -> None:
        sections = gzip.decompress(data or _resource(GAZETTEER_FILE)).decode("utf-8").split("\n\f\n")
        header, countries, lines, *indexes = sections
        self.digest = header.split("\t")[2]
        table = [line.split("\t") for line in countries.split("\n")]
        self.iso3: dict[str, str] = {iso2: iso3 for iso2, iso3, *_ in table}
        self.country_names: dict[str, str] = {iso2: name for iso2, _, name, *_ in table}
        self._capitals: dict[str, str] = {iso2: capital for iso2, _, _, capital, _ in table if capital}
        self._neighbours = {iso2: frozenset(filter(None, near.split(","))) for iso2, *_, near in table}
        self._capital_keys = {iso2: name_key(capital) for iso2, capital in self._capitals.items()}
        self._lines = lines.split("\n")
        self._entries: dict[int, Entry] = {}
        self._exact, self._bare, self._loose = (
            SortedIndex(keys, ids) for keys, ids in zip(indexes[::2], indexes[1::2], strict=True)
        )

    def entry(self, index: int) -> Entry:
        """Entry ``index``, parsed on first use."""
        found = self._entries.get(index)
        if found is None:
            found = self._entries[index] = _parse_entry(self._lines[index])
        return found

    def _entries_for(self, ids: str | None) -> list[Match]:
        """Entries of an index value ("=12,40": "=" marks a match on the entry's main name)."""
        return [Match(self.entry(int(i.lstrip("="))), i[0] == "=") for i in ids.split(",")] if ids else []

    def country_code(self, country: str | None) -> str | None:
        """ISO2 code from an ISO2 or ISO3 code or a country name; None when unknown."""
        if not country:
            return None
        if country.upper() in self.iso3:
            return country.upper()
        for iso2, iso3 in self.iso3.items():
            if iso3 == country.upper():
                return iso2
        best = self.best(country)
        return best[0].cc if best and best[0].precision == "country" else None

    def neighbours(self, country: str) -> frozenset[str]:
        """ISO2 codes of the countries bordering a country (ISO2), as GeoNames lists them."""
        return self._neighbours.get(country, frozenset())

    def _capital_bonus(self, entry: Entry) -> float:
        """CAPITAL_BONUS for the city that is its country's capital, else 0."""
        key = self._capital_keys.get(entry.cc)
        if entry.precision != "place" or not key or entry.name[:1].lower() != key[:1]:
            return 0.0  # most entries fail on the first letter, before the name is normalised
        return CAPITAL_BONUS if name_key(entry.name) == key else 0.0

    def capital(self, country: str | None) -> Entry | None:
        """The capital city of a country (ISO2/ISO3 code or name), as GeoNames names it; None when unknown."""
        code = self.country_code(country)
        name = self._capitals.get(code or "")
        found = self.best(name, code, want="place", loose=False) if name else None
        return found[0] if found and found[0].cc == code else None

    def candidates(self, name: str, *, loose: bool = True, smooth: bool = True) -> tuple[list[Match], Level | None]:
        """Entries filed under ``name``: strict key first, then without an article (then smoothed, ``smooth_key``,
        unless ``smooth`` is False), then the loose skeleton (unless ``loose`` is False)."""
        key = name_key(name)
        ids = self._exact.get(key)
        if ids:
            return self._entries_for(ids), "exact"
        bare = bare_key(name)
        ids = self._bare.get(bare) or self._exact.get(bare) or (self._bare.get(smooth_key(name)) if smooth else None)
        if ids:
            return self._entries_for(ids), "bare"
        skeleton = loose_key(name)
        ids = self._loose.get(skeleton) if loose and len(skeleton) >= 4 else None
        if ids:
            return self._entries_for(ids), "loose"
        return [], None

    def best(
        self,
        name: str,
        country: str | None = None,
        *,
        near: Collection[str] = (),
        want: Want = None,
        loose: bool = True,
        smooth: bool = True,
        lands: Collection[str] | None = None,
    ) -> tuple[Entry, Level] | None:
        """The best-ranked entry for one name variant, or None; only entries of ``lands`` (ISO2) when given."""
        matches, level = self.candidates(name, loose=loose, smooth=smooth)
        matches = matches if lands is None else [m for m in matches if m.entry.cc in lands]
        if not matches or level is None:
            return None
        hint = self.country_code(country)
        own = OwnNames.of(matches if level != "loose" else [])  # a skeleton match's own names are guesses alike

        def rank(m: Match) -> float:
            borrowed = BORROWED_PENALTY if _borrowed(m, name, own, hint, near) else 0.0
            return _score(m, want, hint, near) + self._capital_bonus(m.entry) - borrowed

        return max(matches, key=rank).entry, level

    def lookup(self, name: str, country: str | None = None, *, near: Collection[str] = ()) -> Location:
        """Resolve a place name (ISO2/ISO3/name ``country`` hint, ``near`` = ISO2 codes of the article's places);
        unresolved when only the spelling skeleton matches, outside those countries."""
        found = self.resolve(name, country, near=near)
        hinted = {*near, *filter(None, [self.country_code(country)])}
        if found is None or loose_abroad(found, hinted):
            return Location(text=name)
        return self.to_location(found[0], name)

    def resolve(
        self,
        name: str,
        country: str | None = None,
        *,
        near: Collection[str] = (),
        loose: bool = True,
        smooth: bool = True,
    ) -> tuple[Entry, Level] | None:
        """The entry a written name refers to, trying its variants ("Gaza - Shujaiyya", "Donetsk Oblast") in order;
        ``loose``/``smooth`` False: no skeleton / no smoothed-spelling match."""
        if not _has_name(name):
            return None
        parts = [p for p in _SPLIT.split(name.strip()) if p]
        if len(parts) > 1:
            return self._resolve_parts(parts, name, country, near, (loose, smooth))
        variants = list(_variants(name))
        for variant, want, lands in variants if loose else ():  # "Kherson city": Kherson before a skeleton match
            found = self.best(variant, country, near=near, want=want, loose=False, smooth=smooth, lands=lands)
            if found and _wanted(found[0], want):
                return found
        for variant, want, lands in variants:
            found = self.best(variant, country, near=near, want=want, loose=loose, smooth=smooth, lands=lands)
            if found:
                return found
        return None

    def _resolve_parts(
        self, parts: list[str], name: str, country: str | None, near: Collection[str], keys: tuple[bool, bool]
    ) -> tuple[Entry, Level] | None:
        """ "Gaza - Shujaiyya" (parent first), "Shujaiyya, Gaza" (parent last): the specific part, in the parent
        (``keys``: resolve's ``loose`` and ``smooth``)."""
        loose, smooth = keys
        specific, parents = (parts[-1], parts[:-1]) if re.search(r"\s[-–—]\s", name) else (parts[0], parts[1:])
        found = (self.resolve(x, country, near=near, loose=loose, smooth=smooth) for x in parents)
        parent = next((p for p in found if p), None)
        hint = parent[0].cc if parent else country
        child = self.resolve(specific, hint, near=near, loose=loose, smooth=smooth)
        if child and (parent is None or child[0].cc == parent[0].cc):
            return child
        return parent or child

    def to_location(self, entry: Entry, text: str) -> Location:
        """The Location record for an entry, as written in ``text``."""
        return Location(
            text=text,
            name=entry.name,
            admin1=entry.admin1 or None,
            admin2=entry.admin2 or None,
            country=self.iso3.get(entry.cc),
            lat=entry.lat,
            lon=entry.lon,
            precision=entry.precision,
        )


def locality_in(area: Location, text: str) -> Location:
    """A locality the gazetteer lacks, placed by the area the text puts it in ("Umm Safa (Ramallah)", "Deir Nidham,
    Ramallah governorate"): its own name as written, with the area's country, regions and point at the area's
    precision, a town named as the area standing for its district ('admin2', the town its admin2). Never a point of
    its own."""
    town = area.precision == "place"
    return replace(
        area,
        text=text,
        name=text,
        admin2=area.admin2 or (area.name if town else None),
        precision="admin2" if town else area.precision,
    )


_ADMIN = ("admin1", "admin2")
CAPITAL_BONUS = 1.0  # a national capital is what its name usually means ("Islamabad", not Chattogram's old name)


def _score(match: Match, want: Want, hint: str | None, near: Collection[str]) -> float:
    """Rank of an entry for a name: hinted country, article countries, kind, curated, main name, population."""
    entry = match.entry
    score = math.log10(entry.population + 10) + (0.5 if match.main else 0.0)
    score += 3.0 if entry.precision == "country" else 0.0
    score += 4.0 if entry.curated else 0.0  # curated for the conflicts users follow: beats a small namesake
    if want == "admin":
        score += 4.0 if entry.precision in _ADMIN else 0.0
    elif want == "place":
        score += 2.0 if entry.precision == "place" else 0.0
    else:
        score -= 1.5 if entry.precision in _ADMIN else 0.0  # "Aleppo", "Kiev": the city unless a type word says so
    score += 8.0 if hint and entry.cc == hint else 0.0
    score += 3.0 if entry.cc in near else 0.0
    return score


# A place's own name outranks any size gap to a town abroad that only lists it as an alternate, unless that town is
# SAME_SOUND_SHARE times bigger and the alternate spells its own name another way, OTHER_NAME_SHARE times bigger, or
# VILLAGE_SHARE times bigger than own-name bearers that are all villages (under VILLAGE people).
BORROWED_PENALTY = 6.0
SAME_SOUND_SHARE = 30
OTHER_NAME_SHARE = 100
VILLAGE = 10000
VILLAGE_SHARE = 5


@dataclass(frozen=True, slots=True)
class OwnNames:
    """Who bears a name as their own: countries (each with whether a region of theirs bears it) and the biggest
    population among them."""

    homes: dict[str, bool]
    biggest: int

    @classmethod
    def of(cls, matches: list[Match]) -> OwnNames:
        """The own-name bearers among ``matches``."""
        homes: dict[str, bool] = {}
        for m in matches:
            if m.main:
                homes[m.entry.cc] = homes.get(m.entry.cc, False) or m.entry.precision in _ADMIN
        return cls(homes, max((m.entry.population for m in matches if m.main), default=0))


def _borrowed(match: Match, name: str, own: OwnNames, hint: str | None, near: Collection[str]) -> bool:
    """True for a town found only under one of its alternate names (GeoNames gathers them from every language)
    when the name is the own name of a place in another country: "Batna" is the Algerian city, not Patna; "Dili"
    is not Delhi; "Pokrovsk" in Ukraine is not Engels, once Pokrovsk, in Russia. The alternate stands when the
    text points at its country (hint, the article's countries), when its own country names a region so (the city
    "Odesa" under the region's own name "Odessa"), for curated spellings, and when the town dwarfs the name's own
    bearers as English usage does: another spelling of its own name ("Mecca", "Calcutta") of a town
    SAME_SOUND_SHARE times bigger, another name ("Madras") of one OTHER_NAME_SHARE times bigger, or any alternate
    when the bearers are villages ("Palmyra", Tadmur)."""
    entry = match.entry
    if match.main or not own.homes or entry.curated or entry.precision != "place":
        return False
    if own.homes.get(entry.cc, False) or entry.cc == hint or entry.cc in near:
        return False
    share = entry.population / max(own.biggest, 1)
    same_sound = loose_key(name) == loose_key(entry.name)
    if share >= OTHER_NAME_SHARE or (same_sound and share >= SAME_SOUND_SHARE):
        return False
    return not (own.biggest < VILLAGE and share >= VILLAGE_SHARE)


def loose_abroad(found: tuple[Entry, Level], near: Collection[str]) -> bool:
    """True for a match on the spelling skeleton alone outside the countries at hand: no evidence ("Nusseirat" ~
    Nazaret, Ethiopia; "Yoruba" ~ Aruba). Curated places are spelled every which way on purpose."""
    entry, level = found
    return level == "loose" and not entry.curated and entry.cc not in near


def _variants(name: str) -> Iterator[tuple[str, Want, frozenset[str] | None]]:
    """Name variants from most to least literal: as written, without type words, without direction words; each
    with the kind a type word asks for and the countries a region type word allows ("Bethlehem governorate": the
    countries with governorates, ``admin_types``; None: any)."""
    words, types = place_words(), admin_types()
    tokens = name.replace("’", "'").strip().removesuffix("'s").split()
    yield " ".join(tokens), None, None
    core, want, lands = list(tokens), _want(None), None
    while len(core) > 1 and _type_word(words, core[-1]):
        lands = types.get(core[-1].lower(), lands)
        want = _want(words[core.pop().lower()])
        if len(core) > 1 and core[-1].lower() in ("refugee", "local", "government"):
            core.pop()
    while len(core) > 2 and core[1].lower() == "of" and words.get(core[0].lower()) in ("admin", "settlement"):
        want, core = _want(words[core[0].lower()]), core[2:]
    if core != tokens:
        yield " ".join(core), want, lands
    if len(core) > 1 and words.get(core[0].lower()) == "direction":
        yield " ".join(core[1:]), want, lands


def _type_word(words: dict[str, str], token: str) -> bool:
    """True for a trailing type word to strip: a region or settlement type, or a site type written in lower case
    ("Trujillo prison" is in Trujillo; "Highland Hospital" is a name of its own, not a place in Highland)."""
    role = words.get(token.lower())
    return role in ("admin", "settlement") or (role == "facility" and token.islower())


_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "al", "el", "s"})


def _wanted(entry: Entry, want: Want) -> bool:
    """True when the entry is the kind a type word asks for ("Hama Governorate": a region, not the town)."""
    return want is None or (entry.precision in _ADMIN) == (want == "admin")


def _has_name(name: str) -> bool:
    """False for strings with no name in them: "", "the", "city of", "northern"."""
    words = place_words()
    return any(w not in _FUNCTION_WORDS and w not in words for w in name_key(name).split())


def _want(role: str | None) -> Want:
    """What a type word asks for: an admin region ("province") or a place ("town", "camp", "hospital")."""
    if role is None:
        return None
    return "admin" if role == "admin" else "place"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once from the shipped files."""
    return Gazetteer()
