"""Parse-tree look-ups shared by the extractor: a token's children by dependency label, from one index per Doc, and
whether a verb's own phrase calls a name her or him.

spaCy's ``token.children`` walks every child; a head the parser hung thousands of words on (one line of one
repeated word) made each rule that scanned it cost that much per trigger. The index is built once per Doc and
kept in ``doc.user_data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_CHILDREN = "storyline.children"  # Doc.user_data key of the children index


def _children_index(token: Token) -> dict[int, dict[str, list[int]]]:
    """Head → dependency label → its children's indices, for the token's whole Doc (built once per Doc)."""
    data = token.doc.user_data
    table: dict[int, dict[str, list[int]]] | None = data.get(_CHILDREN)
    if table is None:
        table = {}
        for node in token.doc:
            if node.head.i != node.i:
                table.setdefault(node.head.i, {}).setdefault(node.dep_, []).append(node.i)
        data[_CHILDREN] = table
    return table


def children(token: Token, *deps: str) -> list[Token]:
    """A token's children with one of the dependency labels (given none: all), in text order. Looked up in a
    per-Doc index, so a head the parser hung thousands of words on (one line of one repeated word) costs no more
    than any other."""
    kids = _children_index(token).get(token.i)
    if not kids:
        return []
    found = [i for dep in deps for i in kids.get(dep, ())] if deps else [i for ids in kids.values() for i in ids]
    if len(deps) != 1:
        found.sort()
    doc = token.doc
    return [doc[i] for i in found]


def child(token: Token | None, *deps: str) -> Token | None:
    """The first child with one of the dependency labels; None for no token, so calls chain ("by" → its object)."""
    if token is None:
        return None
    kids = _children_index(token).get(token.i)
    if not kids:
        return None
    first = min((kids[dep][0] for dep in deps if dep in kids), default=None)
    return token.doc[first] if first is not None else None


_PERSONAL = frozenset({"her", "his"})
_CLAUSES = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis"})


def called_her_or_him(name: Token, verb: Token) -> bool:
    """Whether a phrase of the verb itself after the name calls it her or him ("Gunmen seized Florence on her way
    home": a person, not a town), not a clause under the verb ("seized Goma after the army left on his orders")."""
    return any(
        t.i > name.i and t.lower_ in _PERSONAL and t.dep_ == "poss" and _in_own_phrase(t, verb) for t in verb.subtree
    )


def _in_own_phrase(token: Token, verb: Token) -> bool:
    """Whether a token belongs to a phrase of the verb itself ("on her way"), not to a clause under it."""
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return False
        token = token.head
    return True
