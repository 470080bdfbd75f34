"""Typed counts of people in a sentence: killed, injured, missing, hostages, detained, released, displaced.

A count is a number phrase ("more than 700", "1.4 million", "dozens") tied to a kind by the words around
it: its own noun ("40 reported fatalities"), a modifier ("people killed"), the verb that follows it
("ten were reportedly killed") or the word that governs it in the parse ("killing 4", "the bodies of 3",
"brings the death toll to 4,137"). Vague quantities follow ACLED's conservative rules (data in
``resources/counts/vague.tsv``). A part of a count already given ("including 4 children") carries
``part_of``, the text of that count, so summing or taking the lowest never double counts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.counts_lexicon import CountsLexicon, Phrase, as_span, counts_lexicon, head_sector, kind_of
from storyline.extract.counts_numbers import NumberPhrase, number_phrases
from storyline.extract.counts_scope import count_scope
from storyline.extract.tree import children
from storyline.models import Count, CountKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["fatalities", "find_counts"]

_NOUNS = {"NOUN", "PROPN"}
_MODIFIER_DEPS = {"amod", "acl", "relcl"}
_NUMBER_DEPS = {"nummod", "amod", "quantmod", "compound", "nmod", "det"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr"}
_SAME = "same"  # a bare total ("bringing the total to 20,000") counts the kind counted before it


def find_counts(sentence: Span | Doc) -> list[Count]:
    """Every typed count of people in the sentence (a whole Doc works too), with doc-level character offsets.

    A part of a count given before ("including 36 children") comes with ``part_of`` set to that count's text,
    and takes its kind and scope.
    """
    sentence = as_span(sentence)
    lex = counts_lexicon()
    counts: list[Count] = []
    outside: set[str] = set()  # kinds counted outside parentheses
    tolls: dict[str, Token] = {}  # text of a count that is a toll's new figure ("the toll rose to 25") → its verb
    for number in number_phrases(sentence, lex):
        whole = next((c for c in reversed(counts) if c.part_of is None), None)
        count = _count(sentence, number, lex, whole)
        if count is None:
            continue
        if not _in_parentheses(sentence, number.start):
            outside.add(count.kind)
        elif count.kind in outside:
            continue  # "339 killed (165 on 28 January, 174 on 27 January)": a breakdown, not new people
        last = sentence.doc[number.end - 1]
        if whole is not None and whole.kind == count.kind and _adds(count, lex) and _under(last, tolls.get(whole.text)):
            count = replace(count, part_of=whole.text)  # "rose to 25 after three more bodies were found": in the 25
        if (verb := _toll_verb(last, lex)) is not None:
            tolls[count.text] = verb
        counts.append(count)
    return counts


def _toll_verb(token: Token, lex: CountsLexicon) -> Token | None:
    """The total verb a number is the new figure of, whose subject is a total noun ("the death toll rose to 25",
    "the toll reached 25"); None for any other number."""
    for _ in range(3):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            named = any(s.lemma_.lower() in lex.total_nouns for s in children(token, "nsubj", "nsubjpass"))
            return token if token.lemma_.lower() in lex.total_verbs and named else None
    return None


def _under(token: Token, verb: Token | None) -> bool:
    """Whether a token is in a clause that hangs on the verb, not in one joined to it by "and" ("rose to 25 after
    three more bodies were found"; not "rose to 25, and four more were killed")."""
    if verb is None or not verb.is_ancestor(token):
        return False
    node = token
    while node.head.i != verb.i:
        node = node.head
    return node.dep_ != "conj"


def fatalities(counts: list[Count]) -> int | None:
    """ACLED-style conservative estimate of an incident's deaths; None when nothing is stated.

    Groups listed together ("killing 4 civilians and 2 militants") add up, and so does a figure of new people
    after an earlier one ("two more died of their wounds", "another two were killed"); separate figures for the
    same deaths (another sentence, another source) give the lowest. "No fatalities" alone gives 0; cumulative
    totals and parts of a count ("including 2 children") never count.
    """
    killed = sorted(
        (c for c in counts if c.kind == "killed" and c.scope == "incident" and c.part_of is None),
        key=lambda c: c.start if c.start is not None else -1,
    )
    figures: list[int] = []
    previous: Count | None = None
    lex = counts_lexicon()
    for count in killed:
        value = count.low if count.low is not None else count.value
        joined = previous is not None and (_listed_together(previous, count) or _two_sides(previous, count, lex))
        if figures and (joined or _adds(count, lex)):
            figures[-1] += value
        else:
            figures.append(value)
        previous = count
    positive = [f for f in figures if f > 0]
    if positive:
        return min(positive)
    return 0 if figures else None


def _adds(count: Count, lex: CountsLexicon) -> bool:
    """True when a count tells new people beside a figure given before, by the words of its text: an ``added.tsv``
    cue before the number ("another two", "a further five") or an ``added_after.tsv`` word after it ("two more",
    not "two more than")."""
    words = count.text.lower().split()
    if any(tuple(words[: len(cue)]) == cue for cue in lex.added):
        return True
    return any(
        word in lex.added_after and words[i + 1 : i + 2] != ["than"] for i, word in enumerate(words[1:], start=1)
    )


def _two_sides(first: Count, second: Count, lex: CountsLexicon) -> bool:
    """True when two groups are of different sides: "3 soldiers" and "5 attackers", or "12 Palestinians" and "two
    Israelis", are not the same deaths."""
    sides = (_side(first, lex), _side(second, lex))
    if None not in sides and sides[0] != sides[1]:
        return True
    nations = (_nations(first), _nations(second))
    return all(nations) and not nations[0] & nations[1]


def _nations(count: Count) -> set[str]:
    """The countries whose nationality words a count's people carry ("12 Palestinians" → PSE)."""
    terms = lexicon.countries().by_term
    return {terms[word] for word in (count.of or "").split() if word in terms}


def _side(count: Count, lex: CountsLexicon) -> str | None:
    """The side of a counted group by its head noun ("Palestinian militants" → armed), None when not told."""
    words = (count.of or "").lower().split()
    if not words or words[-1] in lex.generic_groups:
        return None
    sector = head_sector(count.of)
    return lex.sides.get(sector) if sector is not None else None


def _listed_together(first: Count, second: Count) -> bool:
    """True when two counts sit side by side in one list: "4 civilians and 2 militants", "2 soldiers, 3 police"."""
    if first.end is None or second.start is None:
        return False
    return 0 <= second.start - first.end <= len(" and their ")  # "a woman and her three children"


def _count(sentence: Span, number: NumberPhrase, lex: CountsLexicon, whole: Count | None) -> Count | None:
    """The typed count for one number phrase, or None when it counts nothing we type.

    ``whole`` is the last count given before: a part of it ("including four children") takes its kind and scope.
    """
    doc = sentence.doc
    qual_start, qualifier = _qualifier(doc, number, sentence.start, lex)
    if (
        _is_label_or_unit(doc, number, sentence, lex)
        or _is_date_part(doc, number, sentence, lex)
        or _is_partitive(doc, number)
        or _is_ratio_or_age(doc, number, sentence)
        or _is_difference(doc, number, sentence, lex)
    ):
        return None
    is_part = _inside_subset(doc[number.end - 1], lex) or _is_subset(doc, qual_start, sentence.start, lex)
    if is_part and whole is None:
        return None
    noun = _counted_noun(doc, number)
    if noun is not None and (noun.lower_ in lex.not_counted or noun.lemma_.lower() in lex.not_counted):
        return None
    anchor = noun if noun is not None else doc[number.end - 1]
    kind = whole.kind if is_part and whole is not None else _kind(anchor, number, lex)
    if kind == _SAME:
        kind = whole.kind if whole is not None else None
    if whole is not None and kind == whole.kind and _refers_back(doc, number, lex):
        is_part = True  # "killing 5 people, two of them children": not 2 more ("injuring 6; two of them died": 2)
    if kind is None and number.value == 0:
        kind = lex.zero_nouns.get(anchor.lower_)  # type: ignore[assignment]
    if kind is None or (number.kinds is not None and kind not in number.kinds):
        return None
    of_start, of_end = _group_span(noun, number, lex) if noun is not None else (number.end, number.end)
    start_char = doc[qual_start].idx
    last = max(number.end, of_end, _added_after_end(doc, number, sentence, lex)) - 1
    end_char = doc[last].idx + len(doc[last].text)
    of = None
    if noun is not None and not _is_event_noun(noun, lex):
        of = doc[of_start:of_end].text
    qualifier = qualifier if qualifier is not None else number.qualifier
    value = number.value + (_people_listed(noun, lex) if noun is not None else 0)
    ceiling = qualifier == "up to"  # "up to 109": at most 109, no floor stated
    if is_part and whole is not None:
        scope = whole.scope
    else:
        scope = count_scope(sentence, qual_start, number.start, anchor, lex)
    return Count(
        kind=kind,
        value=value,
        text=doc.text[start_char:end_char],
        low=None if ceiling else value,
        high=value if ceiling else number.high,
        qualifier=qualifier,
        of=of,
        scope=scope,
        start=start_char,
        end=end_char,
        part_of=whole.text if is_part and whole is not None else None,
    )


def _added_after_end(doc: Doc, number: NumberPhrase, sentence: Span, lex: CountsLexicon) -> int:
    """The end of an ``added_after.tsv`` word right after the number ("2 more died"), so that the count's text
    tells it adds new people; the number's end when there is none (or it opens "more than")."""
    after = number.end
    if after >= sentence.end or doc[after].lower_ not in lex.added_after:
        return number.end
    return after + 1 if after + 1 >= sentence.end or doc[after + 1].lower_ != "than" else number.end


def _people_listed(noun: Token, lex: CountsLexicon) -> int:
    """How many more single people are listed after the counted ones: "a man and his son" → 1; "a man, his wife"
    → 1; "two Israelis and their guide" → 1."""
    extra, conj = 0, noun
    while (conj := next((c for c in conj.rights if c.dep_ == "conj"), None)) is not None:  # type: ignore[assignment]
        own = any(c.dep_ == "nummod" or c.like_num or c.lower_ in ("a", "an") for c in conj.children)
        if own or conj.tag_ != "NN":
            break  # "their 4 children": a count of its own; a plural: how many is not said
        if not _is_person_noun(conj, lex):
            break
        extra += 1
    return extra


def _in_parentheses(sentence: Span, index: int) -> bool:
    """True when token ``index`` sits inside an open parenthesis of the sentence."""
    depth = 0
    for token in sentence.doc[sentence.start : index]:
        depth += (token.text == "(") - (token.text == ")")
    return depth > 0


def _qualifier(doc: Doc, number: NumberPhrase, floor: int, lex: CountsLexicon) -> tuple[int, str | None]:
    """Where the count phrase starts (before any qualifier) and the normalised qualifier."""
    before = _words_before(doc, number.start, 3, floor)
    for size in (3, 2, 1):
        if len(before) >= size:
            words: Phrase = tuple(t.lower_ for t in before[-size:])
            if words in lex.qualifiers:
                return before[-size].i, lex.qualifiers[words]
    if number.high is not None and number.start > floor and doc[number.start - 1].lower_ == "between":
        return number.start - 1, None
    return number.start, None


def _words_before(doc: Doc, index: int, size: int, floor: int) -> list[Token]:
    """Up to ``size`` tokens before ``index``, whitespace tokens skipped ("at  least" in scraped text)."""
    found: list[Token] = []
    i = index - 1
    while i >= floor and len(found) < size:
        if not doc[i].is_space:
            found.insert(0, doc[i])
        i -= 1
    return found


def _is_label_or_unit(doc: Doc, number: NumberPhrase, sentence: Span, lex: CountsLexicon) -> bool:
    """True for "Resolution 2334", "36-hour", "15 per cent", "32-year-old", "as young as 12", years such as 2014."""
    labelled = any(
        tuple(t.lower_ for t in doc[number.start - n : number.start]) in lex.labels
        for n in (1, 2)
        if number.start - n >= sentence.start
    )
    after = number.end
    if after < sentence.end and doc[after].text == "-":
        after += 1
    is_word = doc[number.start].lower_ in ("a", "an") or not doc[number.start].like_num  # "a village chief"
    unit = doc[after].lower_ if after < sentence.end and not is_word else ""
    is_year = number.end - number.start == 1 and bool(re.fullmatch(r"(1[89]|20)\d\d", doc[number.start].text))
    return labelled or unit in lex.not_counted or unit == "%" or is_year


def _is_date_part(doc: Doc, number: NumberPhrase, sentence: Span, lex: CountsLexicon) -> bool:
    """True for day numbers: "15 October", "October 15", "24-30 November", "26 and 28 January"."""
    if number.start > sentence.start and doc[number.start - 1].lower_.rstrip(".") in lex.months:
        return True
    for token in doc[number.end : min(number.end + 4, sentence.end)]:
        if token.lower_.rstrip(".") in lex.months:
            return True
        if not (token.text in ("-", "–", "and", "to", "&") or token.text.isdigit()):
            return False
    return False


def _inside_subset(token: Token, lex: CountsLexicon) -> bool:
    """True for "a woman" in "five Palestinians including three children and a woman": a listed part."""
    for _ in range(6):
        head = token.head
        if head.i == token.i or token.dep_ not in ("conj", "pobj", "nummod", "det", "cc", "appos", "quantmod"):
            return False
        if (
            token.dep_ == "conj"
            and token.i >= 2
            and token.doc[token.left_edge.i - 2 : token.left_edge.i].text == ", and"
        ):
            return False  # ", and about 13,162 have been injured": a new clause, not the next listed part
        counted_head = head.like_num or any(c.dep_ == "nummod" for c in head.children)
        if (head.lower_,) in lex.subset or (token.dep_ == "appos" and head.i < token.i and counted_head):
            return True  # "including four children"; "six people, two in Miranshah and four in Mir Ali"
        token = head
    return False


def _is_ratio_or_age(doc: Doc, number: NumberPhrase, sentence: Span) -> bool:
    """True for "one in four children", "38 out of 87", and an age set off after a name ("David Hicks, 31,")."""
    after = doc[number.end : min(number.end + 3, sentence.end)]
    before = doc[max(number.start - 3, sentence.start) : number.start]
    ratio_after = len(after) >= 2 and after[0].lower_ in ("in", "out") and any(t.like_num for t in after[1:])
    ratio_before = len(before) >= 2 and before[-1].lower_ in ("in", "of") and any(t.like_num for t in before[:-1])
    age = (
        doc[number.start].text.isdigit()
        and number.value < 120
        and len(before) >= 2
        and before[-1].text == ","
        and before[-2].pos_ == "PROPN"
        and number.end < sentence.end
        and doc[number.end].text == ","
    )
    return ratio_after or ratio_before or age


def _is_difference(doc: Doc, number: NumberPhrase, sentence: Span, lex: CountsLexicon) -> bool:
    """True for a number that tells how far two figures differ: a ``differences.tsv`` phrase right after it
    ("four more than first reported", "200 fewer than last year")."""
    after = tuple(t.lower_ for t in doc[number.end : min(number.end + 2, sentence.end)])
    return any(after[: len(phrase)] == phrase for phrase in lex.differences)


def _is_partitive(doc: Doc, number: NumberPhrase) -> bool:
    """True for both numbers of "one of the four": a part of, or a reference to, people counted elsewhere."""
    last = doc[number.end - 1]
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of" and any(c.like_num for c in child.children):
            return True
    return last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.like_num


def _refers_back(doc: Doc, number: NumberPhrase, lex: CountsLexicon) -> bool:
    """True for "two of them", "three of whom": a number of people counted just before."""
    return any(
        child.dep_ == "prep" and child.lower_ == "of" and any(c.lower_ in lex.back_references for c in child.children)
        for child in doc[number.end - 1].children
    )


def _is_subset(doc: Doc, start: int, floor: int, lex: CountsLexicon) -> bool:
    """True when the count follows "including", "among them", "of whom": a part of a count given before."""
    before = _words_before(doc, start, 2, floor)
    return any(tuple(t.lower_ for t in before[-size:]) in lex.subset for size in (2, 1) if len(before) >= size)


def _counted_noun(doc: Doc, number: NumberPhrase) -> Token | None:
    """The noun the number counts: its head ("700 Israelis") or its "of" object ("dozens of hostages")."""
    for token in doc[number.start : number.end]:
        head = token.head
        nominal = head.pos_ in _NOUNS or (head.ent_type_ == "NORP" and head.dep_ != "amod")  # "a Palestinian"
        if head.i >= number.end and nominal and token.dep_ in _NUMBER_DEPS:
            return head
    last = doc[number.end - 1]
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUNS]
            if objects:
                return objects[0]
    return None


def _kind(anchor: Token, number: NumberPhrase, lex: CountsLexicon) -> CountKind | None:
    """The kind of the count: from the noun, its modifiers, the verb after it, or the governing words.

    A noun naming the harm ("fatalities") decides at once; a noun or adjective naming a status ("captives",
    "displaced people") only when no verb says what happened to them ("killing 18 displaced people").
    """
    own = kind_of(anchor, lex) if anchor.i >= number.end - 1 else None
    if own is not None and _is_event_noun(anchor, lex):
        return own  # type: ignore[return-value]
    modifiers = [c for c in anchor.children if c.dep_ in _MODIFIER_DEPS and c.pos_ in ("VERB", "ADJ")]
    status = [c for c in modifiers if c.dep_ == "amod" and c.i < anchor.i]  # "wounded people"; not "people killed"
    # a relative clause tells what befell them only when the governing words do not: "killed a man who had been
    # wounded" counts one killed, "the people who were wounded were taken to hospital" injured
    clauses = [c for c in modifiers if c.dep_ == "relcl"]
    found = next((k for c in modifiers if c not in status + clauses and (k := _typed(c, anchor, number, lex))), None)
    if found is None:
        found = _kind_after(anchor, number, lex)
    if found is None:
        found = _kind_above(anchor, number, lex)
    if found is None:
        found = next((k for c in clauses + status if (k := _typed(c, anchor, number, lex))), None)
    return (found or own) or None  # type: ignore[return-value]


def _typed(word: Token, anchor: Token, number: NumberPhrase, lex: CountsLexicon) -> str | None:
    """The kind ``word`` gives this count; a people-only word ("captured") needs a group of people."""
    kind = kind_of(word, lex)
    if kind is None or (word.lower_ not in lex.people_only and word.lemma_.lower() not in lex.people_only):
        return kind
    return kind if _is_people(anchor, number, lex) else None


def _is_people(anchor: Token, number: NumberPhrase, lex: CountsLexicon) -> bool:
    """True when the counted group is people: "two soldiers", "12 Palestinians", "him"; not a bare "7"."""
    if anchor.lower_ in lex.pronouns:
        return True
    if anchor.i < number.end:
        return False
    return anchor.lemma_.lower() in lex.person_nouns or anchor.lower_ in lex.person_nouns or anchor.ent_type_ == "NORP"


def _is_person_noun(token: Token, lex: CountsLexicon) -> bool:
    """True for a noun naming one kind of person ("father", "member"), by its text or lemma."""
    return token.pos_ in _NOUNS and (token.lower_ in lex.person_nouns or token.lemma_.lower() in lex.person_nouns)


def _is_event_noun(token: Token, lex: CountsLexicon) -> bool:
    """True for nouns that name the harm rather than the people: "fatalities", "deaths", "bodies"."""
    return token.lower_ in lex.event_nouns or token.lemma_.lower() in lex.event_nouns


def _kind_after(anchor: Token, number: NumberPhrase, lex: CountsLexicon) -> str | None:
    """The kind from a verb right after the group: "ten were reportedly killed", "1,000 are missing"."""
    doc, start = anchor.doc, anchor.i + 1
    if anchor.right_edge.i - anchor.i <= 15:
        start = anchor.right_edge.i + 1  # past "of Ukraine", ", including 800 children,"
    if start > anchor.i + 1 and start < len(doc) and doc[start].text == ",":
        start += 1  # the comma closing an inserted phrase, not one that ends the group's clause
    for i in range(start, min(start + 8, len(doc))):
        token = doc[i]
        if token.is_space:
            continue
        if kind_of(token, lex) is not None:
            return None if _is_agent(anchor, token) else _typed(token, anchor, number, lex)
        after_verb = token.lower_ == "and" and doc[i - 1].pos_ == "VERB" and doc[i - 1].lower_ in lex.fillers
        if token.lower_ not in lex.fillers and token.pos_ not in ("AUX", "ADV") and not after_verb:
            return None  # "and" passes only after a filler verb: "were shot and killed"
    return None


def _is_agent(group: Token, verb: Token) -> bool:
    """True when the group does the harm ("three gunmen killed two soldiers", "a gunman shot dead two men"): subject
    of a verb with an object, the verb a word of result ("dead") hangs on counting as the harm word."""
    if group.dep_ != "nsubj":
        return False
    harm = verb
    if verb.pos_ != "VERB" and group.head.pos_ == "VERB" and group.head.is_ancestor(verb):
        verb = group.head  # "a gunman shot dead two men"; but "five people lost their lives" are the dead
    return any(c.i != harm.i and 0 < c.i - verb.i <= 5 for c in _harmed(verb))


def _harmed(verb: Token) -> list[Token]:
    """A verb's objects: its direct object, or the object the parser hangs on its word of result ("a man shot dead a
    police officer": the officer under "dead")."""
    results = [c for c in children(verb) if c.pos_ == "ADJ" and c.dep_ in ("oprd", "prep", "acomp", "advmod")]
    return children(verb, "dobj") + [o for r in results for o in children(r, "pobj", "dobj")]


def _kind_above(anchor: Token, number: NumberPhrase, lex: CountsLexicon) -> str | None:
    """The kind from the words governing the group: "killing 4", "the death of 3", "brings the toll to 82"."""
    token = anchor
    for _ in range(6):
        head = token.head
        if head.i == token.i or token.dep_ == "agent" or head.lower_ == "including":
            return None
        if kind_of(head, lex) is not None:
            return None if _is_agent(token, head) else _typed(head, anchor, number, lex)
        if token.dep_ == "pobj" and head.lower_ == "of" and _is_person_noun(head.head, lex):
            return None  # "a father of six children": his children, not the people the verb counts
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in lex.total_verbs:
                return _kind_in_arguments(head, token, lex)
            return None if _is_agent(token, head) else _verb_result(head, lex)
        token = head
    return None


def _verb_result(verb: Token, lex: CountsLexicon) -> str | None:
    """The kind a verb's result word gives: "shot dead", "stabbed to death", "beaten to death"."""
    for child in verb.children:
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp") and child.pos_ == "ADJ":
            return kind_of(child, lex)
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.lower_ == "death"]
            if objects:
                return kind_of(objects[0], lex)
    return None


def _kind_in_arguments(verb: Token, skip: Token, lex: CountsLexicon) -> str | None:
    """The kind named by a verb's subject or object: "the death toll rose to", "the number of ... killed";
    ``_SAME`` for a bare total ("bringing the total to 20,000"), which counts what the sentence counted before."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i != skip.i and child.lemma_.lower() in lex.total_nouns:
            for token in child.subtree:
                kind = kind_of(token, lex)
                if kind is not None:
                    return kind
            return _SAME
    return None


def _group_span(noun: Token, number: NumberPhrase, lex: CountsLexicon) -> tuple[int, int]:
    """Token range of the counted group: "Palestinian women and children", "Israelis and foreign nationals"."""
    doc, start = noun.doc, noun.i
    while start - 1 >= number.end and (
        doc[start - 1].dep_ in ("amod", "compound", "nmod")
        or (doc[start - 1].dep_ == "advmod" and doc[start - 1].head.i > start - 1)  # "internally displaced persons"
    ):
        if any(t.like_num for t in doc[start - 1].subtree):
            break  # "17-year-old": an age, not part of who was counted
        start -= 1
    end = noun.i + 1
    conj = noun
    while True:
        nxt = next((c for c in conj.rights if c.dep_ == "conj" and c.pos_ in _NOUNS), None)
        counted = (
            any(c.dep_ == "nummod" or c.like_num or c.lower_ in ("a", "an") for c in nxt.children) if nxt else False
        )
        if nxt is None or nxt.left_edge.i - end > 3 or counted:
            break  # a near conjunct only: "women and children", not a list after "including ..."
        end, conj = nxt.i + 1, nxt
    if noun.lower_ in lex.group_of_nouns and end == noun.i + 1:
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and of.i == end:
            end = _phrase_end(of)
    return start, end


def _phrase_end(token: Token) -> int:
    """End of a token's phrase without the clauses and asides hanging on it ("of the family, who were killed in
    an Israeli airstrike" ends at "family": the clause tells what happened to them, not who they are)."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "punct", "appos", "advcl"):
            break
        end = _phrase_end(child)
    return end
