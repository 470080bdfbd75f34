"""Parse-tree look-ups shared by the extractor: a token's children by dependency label, from one index per Doc.

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
