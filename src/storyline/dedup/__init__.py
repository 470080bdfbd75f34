"""Near-duplicates and syndication: exact body hashes plus MinHash LSH, grouped with a canonical copy.

    text ──site template, sentence-like lines──► words (dedup.words: folded, furniture lines out, numpy
         hashes) ──5-word shingles──► MinHash (rensa) ──LSH──► candidates
         ──verify max(Jaccard, containment) ≥ threshold──► union with exact-hash matches ──► groups

``deduplicate`` groups a batch (the ``storyline dedup`` filter, see ``dedup.jsonl``);
``dedup.persist`` keeps the index in the store and adds new articles incrementally (the pipeline's
dedup step); ``groups(store)`` lists the stored groups with their sources (site, URL, date).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storyline import settings
from storyline.dedup.grouping import assign
from storyline.dedup.minhash import ROWS_PER_BAND, Params, Signatures, signatures
from storyline.dedup.template import Templates
from storyline.dedup.text import MIN_WORDS
from storyline.dedup.words import U64, Shingled, comparable_words, shingle_texts
from storyline.models import DuplicateMatch

if TYPE_CHECKING:
    from storyline.dedup.sources import SyndicationGroup
    from storyline.store import Store

log = logging.getLogger(__name__)
CHUNK = 1_000  # documents hashed together: large enough for numpy and rensa, small enough for memory
TEMPLATE_WINDOW = 5_000  # raw pages held at once so that site templates are learned before stripping


def params_from_settings(
    threshold: float | None = None, shingle_size: int | None = None, permutations: int | None = None
) -> Params:
    """Comparison parameters from explicit values, else STORYLINE_DEDUP_* settings, else defaults."""
    perms = int(settings.get("dedup_permutations", permutations))
    return Params(
        shingle_size=int(settings.get("dedup_shingle_size", shingle_size)),
        permutations=perms,
        bands=max(1, perms // ROWS_PER_BAND),
        threshold=float(settings.get("dedup_threshold", threshold)),
    )


@dataclass(slots=True)
class Signed:
    """What dedup keeps of a batch of texts: MinHash rows, shingle counts, word counts and body hashes."""

    signatures: Signatures
    sizes: npt.NDArray[np.int64]
    lengths: npt.NDArray[np.int64]
    body_hashes: npt.NDArray[np.uint64]


def sign(texts: Sequence[str], params: Params, templates: Templates | None = None) -> Signed:
    """Sign a batch of raw pages: site templates learned from the batch are stripped (see dedup.template)."""
    return sign_pages(texts, params, _bodies(texts, templates))


def _bodies(texts: Sequence[str], templates: Templates | None = None) -> list[str]:
    """Each raw page without the site templates learned from the batch."""
    return (templates if templates is not None else Templates()).bodies(texts)


def sign_pages(pages: Sequence[str | list[str]], params: Params, stripped: Sequence[str] | None = None) -> Signed:
    """Sign pages given as text or lines (``stripped``: the same pages without site templates), CHUNK at a time."""
    texts = [page if isinstance(page, str) else "\n".join(page) for page in pages]
    stripped = texts if stripped is None else stripped
    parts = [_signed(texts[i : i + CHUNK], stripped[i : i + CHUNK], params)
             for i in range(0, len(texts), CHUNK)] or [_signed([], [], params)]  # fmt: skip
    return Signed(*(np.concatenate(column) for column in zip(*parts, strict=True)))


def _signed(
    pages: Sequence[str], stripped: Sequence[str], params: Params
) -> tuple[Signatures, npt.NDArray[np.int64], npt.NDArray[np.int64], U64]:
    """What Signed keeps of one chunk of pages (its shingles are dropped once hashed). A page left with fewer
    than MIN_WORDS words falls back to every line without the template, then the sentence-like lines with it,
    then every line (see _choose); each option's pages are hashed on their own and their rows put in place."""
    parts, source = _choose(pages, stripped, params.shingle_size)
    done = parts[0][0]
    sigs, sizes, words, body = signatures(done.batch, params.permutations), done.batch.sizes(), done.words, done.body
    for k, (part, docs) in enumerate(parts[1:], start=1):
        mine = np.flatnonzero(source[docs] == k)
        if len(mine):
            sigs[docs[mine]] = signatures(part.batch, params.permutations)[mine]
            sizes[docs[mine]], words[docs[mine]] = part.batch.sizes()[mine], part.words[mine]
            body[docs[mine]] = part.body[mine]
    return sigs, sizes, words, body


def _options(pages: Sequence[str], stripped: Sequence[str]) -> list[tuple[Sequence[str], bool]]:
    """The texts a page is compared by, in order of preference, and whether only sentence-like lines count."""
    return [(stripped, True), (stripped, False), (pages, True), (pages, False)]


def _choose(
    pages: Sequence[str], stripped: Sequence[str], size: int
) -> tuple[list[tuple[Shingled, npt.NDArray[np.int64]]], npt.NDArray[np.int64]]:
    """Shingles of each option tried (with the pages it was tried on), and the option each page keeps."""
    (first, sentences), *rest = _options(pages, stripped)
    done = shingle_texts(first, size, sentences)
    words, source = done.words.copy(), np.zeros(len(pages), dtype=np.int64)
    parts: list[tuple[Shingled, npt.NDArray[np.int64]]] = [(done, np.arange(len(pages)))]
    for texts, sentences in rest:
        todo = np.flatnonzero(words < MIN_WORDS)
        if not len(todo):
            break
        alt = shingle_texts([texts[i] for i in todo.tolist()], size, sentences)
        better = alt.words > words[todo]
        words[todo[better]] = alt.words[better]
        source[todo[better]] = len(parts)
        parts.append((alt, todo))
    return parts, source


def page_words(texts: Sequence[str]) -> list[str]:
    """The words each raw page is compared by (templates learned from the batch): for tests and inspection."""
    stripped = _bodies(texts)
    _, source = _choose(texts, stripped, 1)
    options = _options(texts, stripped)
    return [" ".join(comparable_words([options[k][0][i]], options[k][1])[0]) for i, k in enumerate(source.tolist())]


@dataclass(slots=True)
class Deduplicator:
    """Collects signed documents chunk by chunk (texts are not kept), then groups them all at once."""

    params: Params = field(default_factory=params_from_settings)
    ids: list[str] = field(default_factory=list)
    published: list[str | None] = field(default_factory=list)
    _pending: list[str] = field(default_factory=list)
    _signed: list[Signed] = field(default_factory=list)
    _templates: Templates = field(default_factory=Templates)

    def add(self, id: str, text: str, published: str | None = None) -> None:
        """Queue one document."""
        self.ids.append(id)
        self.published.append(published)
        self._pending.append(text)
        if len(self._pending) >= TEMPLATE_WINDOW:
            self._flush()

    def _flush(self) -> None:
        """Sign the queued texts and drop them."""
        if self._pending:
            self._signed.append(sign(self._pending, self.params, self._templates))
            self._pending = []

    def matches(self) -> list[DuplicateMatch]:
        """One match per added document, in the order added; group = id of the canonical member."""
        self._flush()
        if not self.ids:
            return []
        signed, self._signed = self._signed, []  # chunk copies are freed once joined
        sigs = np.concatenate([s.signatures for s in signed])
        sizes = np.concatenate([s.sizes for s in signed])
        lengths = np.concatenate([s.lengths for s in signed])
        hashes = np.concatenate([s.body_hashes for s in signed])
        del signed
        result = assign(sigs, sizes, lengths, self.published, hashes, self.params)
        canon, sims = result.canonical.tolist(), result.similarity.tolist()
        return [
            DuplicateMatch(doc_id, self.ids[c], c == i, float(sim))
            for i, (doc_id, c, sim) in enumerate(zip(self.ids, canon, sims, strict=True))
        ]


def deduplicate(items: Iterable[tuple[str, str, str | None]], params: Params | None = None) -> Iterator[DuplicateMatch]:
    """Group (id, text, published) items; yields one DuplicateMatch per item in input order."""
    dedup = Deduplicator(params or params_from_settings())
    for doc_id, text, published in items:
        dedup.add(doc_id, text, published)
    yield from dedup.matches()


def groups(store: Store, *, min_size: int = 2, limit: int | None = None) -> list[SyndicationGroup]:
    """Stored syndication groups with their sources, largest first (see storyline.dedup.sources)."""
    from storyline.dedup.sources import groups as stored_groups

    return stored_groups(store, min_size=min_size, limit=limit)


__all__ = [
    "Deduplicator",
    "Params",
    "Signed",
    "deduplicate",
    "groups",
    "page_words",
    "params_from_settings",
    "sign",
    "sign_pages",
]
