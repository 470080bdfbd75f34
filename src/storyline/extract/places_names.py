"""Place-name normalisation: the keys under which the gazetteer files a name.

Four keys, from strict to loose:
- ``name_key``: case, diacritics, apostrophes, hyphens and spaces folded ("Khān Yūnis" → "khan yunis");
- ``bare_key``: also without a leading Arabic article ("Al-Nayrab" → "nayrab");
- ``smooth_key``: the article-less key with doubled letters single, a final "-ah"/"-eh" written "a" and the words
  joined, for the spellings of Arabic sounds transliterations write either way (shadda: "Huwwara", "Huwara"; ta
  marbuta: "Al Bireh", "Al Birah"; the space an ayn mark leaves or not: "Turmus`ayya", "Turmus Ayya"); it applies to
  any name, Arabic or not, as a fallback filed in the article-less index and tried after the strict and article-less
  keys;
- ``loose_key``: a transliteration skeleton: articles and spaces gone, vowel runs (with a "w" closing one:
  "Lowgar", "Logar") and common digraphs merged ("Jabalia", "Jabalya" → "jabala"; "Shujaiyya", "Shuja'iyya",
  "Shejaiya" → "sajaya").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storyline.lexicon_files import read_rows

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_QUOTES = str.maketrans("", "", "'`’‘ʿʾ´\u02bb\u02bc")
_ARTICLES = frozenset(
    {"al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ath", "adh", "ul", "es", "ez", "et", "er", "en"}
)
_DIGRAPHS = (
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "s"), ("ph", "f"),
    ("q", "k"), ("c", "k"), ("z", "s"),
)  # fmt: skip
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_VOWEL_W = re.compile(r"(?<=[aeiou])w(?![aeiouy])")  # "Lowgar" / "Logar", "Nawzad" / "Nowzad" / "Nozad"
_DOUBLE = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """ASCII, lower case, without diacritics or apostrophes."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower().translate(_QUOTES)


def name_key(name: str) -> str:
    """Case, diacritics, punctuation and spacing folded; a leading "the" dropped."""
    key = _NON_ALNUM.sub(" ", fold(name)).strip()
    return key[4:] if key.startswith("the ") else key


def bare_key(name: str) -> str:
    """``name_key`` without a leading Arabic article ("al-", "el ", "as-" ...), inner articles written "al" and
    the common words of Arabic place names spelt one way ("Deir el-Balah", "Dayr al Balah" → "deir al balah")."""
    words = name_key(name).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    variants = _variants()
    return " ".join("al" if w in _ARTICLES and i else variants.get(w, w) for i, w in enumerate(words))


_TA_MARBUTA = re.compile(r"(?<=[a-z]{2})[ae]h$")


def smooth_key(name: str) -> str:
    """``bare_key`` with doubled letters single, a final "-ah"/"-eh" written "a" and the words joined: "Huwwarah",
    "Huwara" → "huwara"; "Turmus`ayya", "Turmus Ayya" → "turmusaya"."""
    words = [_TA_MARBUTA.sub("a", _DOUBLE.sub(r"\1", w)) for w in bare_key(name).split()]
    return "".join(words)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Spelling → canonical form of the common words of Arabic place names (``name_variants.tsv``)."""
    return {spelling: canonical for spelling, canonical in read_rows("places", "name_variants.tsv")}


def loose_key(name: str) -> str:
    """A transliteration skeleton: articles, spaces, vowel-run and digraph differences removed."""
    words = [w for w in name_key(name).split() if w not in _ARTICLES]
    key = "".join(words)
    for digraph, single in _DIGRAPHS:
        key = key.replace(digraph, single)
    key = _VOWEL_RUN.sub("a", _VOWEL_W.sub("", key))
    key = _DOUBLE.sub(r"\1", key)
    return key[:-1] if key.endswith("h") and len(key) > 3 else key  # "Rafah" / "Rafa"
