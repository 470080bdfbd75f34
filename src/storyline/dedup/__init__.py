"""Near-duplicates and syndication: exact body hashes plus MinHash LSH, grouped with a canonical copy.

    text ──fold, sentence-like lines──► words ──5-word shingles──► MinHash (rensa) ──LSH──► candidates
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
from storyline.dedup.shingles import shingle_batch
from storyline.dedup.template import Templates
from storyline.dedup.text import MIN_WORDS, body_hash, comparable_text, page_lines, word_count
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
    """What dedup keeps of a batch of texts: MinHash rows, shingle counts, body lengths and hashes."""

    signatures: Signatures
    sizes: npt.NDArray[np.int64]
    lengths: npt.NDArray[np.int64]
    body_hashes: list[str]


def page_words(texts: Sequence[str], templates: Templates | None = None) -> list[bytes]:
    """Comparable words of raw pages: site templates learned from the batch stripped, then furniture lines."""
    templates = templates if templates is not None else Templates()
    pages = [page_lines(text) for text in texts]
    for lines in pages:
        templates.learn(lines)
    return [_page_words(lines, templates) for lines in pages]


def _page_words(lines: list[str], templates: Templates) -> bytes:
    """One page's comparable words; a page that breaks the text path compares as empty (a singleton)."""
    try:
        words = comparable_text(templates.strip(lines))
        return words if word_count(words) >= MIN_WORDS else comparable_text(lines)
    except Exception:  # one odd page must not stop a batch of thousands; it is logged and kept apart
        log.warning("dedup: could not normalise a page of %d lines; it stays in a group of its own", len(lines))
        return b""


def sign(texts: Sequence[str], params: Params, templates: Templates | None = None) -> Signed:
    """Sign a batch of raw texts (templates and furniture are dropped here; see dedup.template, dedup.text)."""
    return sign_words(page_words(texts, templates), params)


def sign_words(words: Sequence[bytes], params: Params) -> Signed:
    """Sign documents given as their comparable words, CHUNK at a time."""
    parts = [words[i : i + CHUNK] for i in range(0, len(words), CHUNK)] or [[]]
    batches = [shingle_batch(part, params.shingle_size) for part in parts]
    return Signed(
        np.concatenate([signatures(b, params.permutations) for b in batches]),
        np.concatenate([b.sizes() for b in batches]),
        np.array([word_count(w) for w in words], dtype=np.int64),
        [body_hash(w) for w in words],
    )


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
        hashes = [h for s in signed for h in s.body_hashes]
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
    "sign_words",
]
