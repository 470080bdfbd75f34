"""Number phrases in a sentence: digits, number words, vague quantities, one person (by a noun or by name), stated
zeros."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.counts_lexicon import CountsLexicon, kind_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DIGITS = re.compile(r"^\d{1,3}(,\d{3}){0,4}(\.\d{1,3})?$|^\d{1,12}(\.\d{1,3})?$")
_MAX_COUNT = 10_000_000_000
# DATE is left out on purpose: the small model tags "to 82" after "since 7 October" as DATE; day numbers
# next to a month name are caught by the counts filters instead.
_ONE_DEPS = {"dobj", "nsubjpass", "nsubj"}  # "the <person>" counts as one only as the verb's own subject or object
_RANGE_WORDS = {"to", "-", "–", "or"}  # "5 to 7", "20-25", "two or three"; "and" only after "between"
_NOT_NUMBER_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number phrase: tokens [start, end) of the doc, its value and any qualifier it implies."""

    start: int
    end: int
    value: int
    qualifier: str | None = None
    high: int | None = None
    kinds: frozenset[str] | None = None  # the only kinds it may count ("many" counts the dead, not IDPs)


def number_phrases(sentence: Span, lex: CountsLexicon) -> list[NumberPhrase]:
    """The number phrases of a sentence, "between X and Y" joined into one range."""
    doc, found = sentence.doc, []
    words = [t.lower_ for t in sentence]
    k = 0
    while k < len(words):
        i = sentence.start + k
        number = _vague_at(words, k, i, lex)
        if number is None and words[k] in lex.starters:
            number = _one_person(doc[i], lex) or _zero(doc[i], lex)
        if number is None:
            number = _named_person(doc[i], lex)
        if number is not None:
            found.append(number)
            k += number.end - number.start
            continue
        n = k
        while n < len(words) and _is_number_word(doc[sentence.start + n], words[n], lex):
            n += 1
            if n + 1 < len(words) and words[n] == "-" and words[n - 1] in lex.numbers and words[n + 1] in lex.numbers:
                n += 1  # "thirty-six" is one number
        value = _parse_number(words[k:n], lex) if n > k else None
        if value is not None and value < _MAX_COUNT:
            found.append(NumberPhrase(i, sentence.start + n, value))
        k = max(n, k + 1)
    return _join_ranges(doc, found)


def _vague_at(words: list[str], k: int, i: int, lex: CountsLexicon) -> NumberPhrase | None:
    """The longest vague quantity ("dozens", "tens of thousands") at word k (doc token i)."""
    if words[k] not in lex.vague_starts:
        return None
    for size in (3, 2, 1):
        phrase = tuple(words[k : k + size])
        if len(phrase) == size and phrase in lex.vague:
            value, qualifier, kinds = lex.vague[phrase]
            return NumberPhrase(i, i + size, value, qualifier, kinds=kinds)
    return None


def _one_person(token: Token, lex: CountsLexicon) -> NumberPhrase | None:
    """ "a civilian", "an Israeli", "him": one person, as ACLED codes "killing a civilian" (1 fatality)."""
    head = token.head
    is_person = head.lemma_.lower() in lex.person_nouns or head.lower_ in lex.person_nouns or head.ent_type_ == "NORP"
    nominal = head.tag_ in ("NN", "NNP") or (head.ent_type_ == "NORP" and head.dep_ != "amod")  # "a Palestinian"
    if token.lower_ in ("a", "an") and token.dep_ == "det" and nominal and is_person:
        return NumberPhrase(token.i, token.i + 1, 1)
    if token.lower_ == "the" and token.dep_ == "det" and nominal and is_person and head.dep_ in _ONE_DEPS:
        return NumberPhrase(token.i, token.i + 1, 1)  # "killed the village chief", "the man was shot dead"
    if token.lower_ in lex.pronouns and token.dep_ in ("dobj", "nsubjpass", "nsubj"):
        return NumberPhrase(token.i, token.i + 1, 1)
    return None


def _named_person(token: Token, lex: CountsLexicon) -> NumberPhrase | None:
    """A person named by name as the own subject or object of a word that tells what befell them ("Ahmed Ali was
    killed", "gunmen shot dead Ahmed Ali"): one person, as ACLED codes the killing of a named person (1 fatality).
    The phrase is the whole name; a name under another verb ("mourned Ahmed Ali, who was killed") is no count."""
    if token.ent_iob_ != "B" or token.ent_type_ != "PERSON":
        return None
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    name = token.doc[token.i : end]
    root = name.root
    verb = root.head
    results = [c for c in (*verb.children, *root.children) if c.pos_ == "ADJ" and c.i < root.i]  # "shot dead X"
    if root.dep_ not in _ONE_DEPS or verb.pos_ != "VERB" or not any(kind_of(w, lex) for w in (verb, *results)):
        return None
    return NumberPhrase(token.i, end, 1)


def _zero(token: Token, lex: CountsLexicon) -> NumberPhrase | None:
    """ "no casualties", "no one", "nobody", "none": a stated zero, which ACLED codes as 0 fatalities."""
    if token.lower_ not in lex.zero:
        return None
    head = token.head
    if token.dep_ != "det":
        return NumberPhrase(token.i, token.i + 1, 0) if token.pos_ in ("PRON", "NOUN") else None
    if head.lower_ == "one" and head.i == token.i + 1:
        return NumberPhrase(token.i, token.i + 2, 0)
    if head.i > token.i and (kind_of(head, lex) or head.lower_ in lex.zero_nouns):
        return NumberPhrase(token.i, token.i + 1, 0)
    return None


def _is_number_word(token: Token, word: str, lex: CountsLexicon) -> bool:
    """A digit group or number word that can be part of a count (not a time, money or percent)."""
    if not (word in lex.numbers or (word[:1].isdigit() and _DIGITS.match(word))):
        return False
    return token.ent_type_ not in _NOT_NUMBER_ENTS


def word_value(word: str, lex: CountsLexicon) -> int | None:
    """The number one word tells: digits ("200", "2,913"), a number word ("twelve") or a vague quantity at its
    conservative value ("dozens" 12, "hundreds" 100); None for any other word."""
    if _DIGITS.match(word):
        return int(float(word.replace(",", "")))
    if word in lex.numbers:
        return int(lex.numbers[word])
    vague = lex.vague.get((word,))
    return int(vague[0]) if vague is not None else None


def _parse_number(words: list[str], lex: CountsLexicon) -> int | None:
    """Value of "2,913", "1.4 million", "twenty five", "two dozen"; None when it is not one number."""
    total, current = 0.0, 0.0
    for word in words:
        if word == "-":
            continue
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
            continue
        value = lex.numbers[word]
        if value in (12, 100):
            current = (current or 1) * value
        elif value >= 1000:
            total, current = total + (current or 1) * value, 0.0
        else:
            current += value
    return int(total + current)


def _join_ranges(doc: Doc, numbers: list[NumberPhrase]) -> list[NumberPhrase]:
    """Merge "between 6,000 and 8,000", "5 to 7", "20-25", "two or three" into one number with a low and a high."""
    out: list[NumberPhrase] = []
    for number in numbers:
        prev = out[-1] if out else None
        if prev is not None and number.start == prev.end + 1 and prev.high is None and _is_range(doc, prev, number):
            out[-1] = NumberPhrase(prev.start, number.end, prev.value, prev.qualifier, number.value, prev.kinds)
            continue
        out.append(number)
    return out


def _is_range(doc: Doc, first: NumberPhrase, second: NumberPhrase) -> bool:
    """True when two numbers one word apart are the ends of one range, not two counts."""
    word = doc[first.end].lower_
    between = first.start > 0 and doc[first.start - 1].lower_ == "between"
    if between and word == "and":
        return True
    return word in _RANGE_WORDS and first.value < second.value and first.qualifier is None
