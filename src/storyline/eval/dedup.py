"""Dev precision/recall of near-duplicate grouping on synthetic syndication built from real text.

Originals are the OCHA flash updates, the seed story and the reference bodies of html-pages-dev.
Each original is republished a few times the way wire copies are: wrapped in the real menus and
footers of another page of html-pages-dev (lines of its raw text dump around its article body),
cut short at a paragraph, with the lead printed twice, curly quotes, a dateline, reflowed lines.
Every copy, the original too, is given as raw page text with furniture, as ``storyline dedup`` gets
it. Score: precision/recall/F1 of same-group pairs against the true groups. Originals are split
by a hash of their name into ``tune`` and ``check`` halves, so a default chosen on one half can be
checked on the other.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from storyline.dedup import deduplicate
from storyline.dedup.minhash import Params, signatures
from storyline.eval.data import html_pages, html_to_text
from storyline.eval.metrics import PRF, prf

_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class Frame:
    """The furniture of one real page: lines above and below its article body."""

    header: list[str]
    footer: list[str]


@dataclass(frozen=True, slots=True)
class Copy:
    """One document of the dev set: its id, raw text, true group and which half it belongs to."""

    id: str
    text: str
    group: str
    split: str


def _frame(source_dump: str, body: str) -> Frame | None:
    """Header and footer lines of a page dump: what lies outside its article body lines."""
    lines = source_dump.splitlines()
    body_lines = {line for line in body.splitlines() if len(line.split()) >= 4}
    inside = [i for i, line in enumerate(lines) if line in body_lines]
    if not inside:
        return None
    return Frame(lines[: inside[0]], lines[inside[-1] + 1 :])


def load_originals(data_dir: Path) -> tuple[list[tuple[str, str]], list[Frame]]:
    """(name, text) originals and the furniture frames of html-pages-dev."""
    originals: list[tuple[str, str]] = []
    frames: list[Frame] = []
    for page in html_pages(data_dir):
        originals.append((f"page:{page.name}", page.expected_text))
        frame = _frame(html_to_text(page.html), page.expected_text)
        if frame is not None and (frame.header or frame.footer):
            frames.append(frame)
    for path in sorted((data_dir / "ocha-flash-updates" / "reports").glob("*.md")):
        originals.append((f"ocha:{path.stem}", path.read_text(encoding="utf-8")))
    seed = data_dir.parent / "seeds"
    for path in sorted(seed.glob("*.txt")):
        originals.append((f"seed:{path.stem}", path.read_text(encoding="utf-8")))
    return distinct(originals), frames


def _shingles(text: str, word_ids: dict[str, int], size: int = 5) -> set[int]:
    """Exact word ``size``-shingles of a text as 64-bit hashes (for building the gold, not for dedup itself);
    ``word_ids`` numbers the words seen so far (new words are added)."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) < size:
        return set()
    ids = np.array([word_ids.setdefault(word, len(word_ids) + 1) for word in words], dtype=np.uint64)
    grams = np.zeros(len(words) - size + 1, dtype=np.uint64)
    for k in range(size):
        grams = (grams ^ ids[k : len(ids) - size + 1 + k]) * _MIX  # a polynomial hash of the word ids
    return set(grams.tolist())


def distinct(originals: list[tuple[str, str]], overlap: float = 0.3) -> list[tuple[str, str]]:
    """Originals of >= 30 words that share < ``overlap`` of their shingles with every earlier one kept.

    The test pages repeat lorem ipsum and consecutive flash updates repeat paragraphs; as gold
    "different articles" they would be wrong, so only the first of such a cluster is kept. Shared
    shingles are counted through an index of the kept ones (only originals sharing any are compared).
    """
    kept: list[tuple[str, str]] = []
    sizes: list[int] = []
    holders: dict[int, list[int]] = defaultdict(list)  # shingle -> kept originals holding it
    word_ids: dict[str, int] = {}
    for name, text in originals:
        shingles = _shingles(text, word_ids)
        if len(text.split()) < 30 or not shingles:
            continue
        shared = Counter(chain.from_iterable(holders[shingle] for shingle in shingles & holders.keys()))
        if all(n < overlap * min(len(shingles), sizes[j]) for j, n in shared.items()):
            for shingle in shingles:
                holders[shingle].append(len(kept))
            kept.append((name, text))
            sizes.append(len(shingles))
    return kept


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines."""
    return [line for line in text.splitlines() if line.strip()]


def truncate(text: str, rng: random.Random) -> str:
    """Cut the story after 40-90% of its paragraphs (at least one)."""
    paras = _paragraphs(text)
    keep = max(1, round(len(paras) * rng.uniform(0.4, 0.9)))
    return "\n".join(paras[:keep])


def repeat_lead(text: str, rng: random.Random) -> str:
    """Print the first paragraphs twice, as scrapers often save them."""
    paras = _paragraphs(text)
    n = min(len(paras), rng.randint(1, 3))
    return "\n".join(paras[:n] + paras)


def curly_quotes(text: str, rng: random.Random) -> str:
    """Straight quotes to typographic ones, hyphens to dashes."""
    text = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)
    return text.replace("'", "\u2019").replace(" - ", " \u2014 ")


def dateline(text: str, rng: random.Random) -> str:
    """Prefix a wire dateline."""
    place = rng.choice(["GAZA", "JERUSALEM", "CAIRO", "DOHA", "GENEVA", "NEW YORK", "LONDON"])
    return f"{place}, Oct {rng.randint(1, 28)} ({rng.choice(['Reuters', 'AP', 'AFP'])}) - {text}"


def reflow(text: str, rng: random.Random) -> str:
    """Join paragraphs pairwise and double the spaces, as a different page template does."""
    paras = _paragraphs(text)
    joined = [" ".join(paras[i : i + 2]) for i in range(0, len(paras), 2)]
    return "\n\n".join(p.replace(" ", "  ") if rng.random() < 0.3 else p for p in joined)


EDITS: tuple[Callable[[str, random.Random], str], ...] = (truncate, repeat_lead, curly_quotes, dateline, reflow)


def wrap(text: str, frame: Frame) -> str:
    """The text inside a page's menus and footers."""
    return "\n".join([*frame.header, text, *frame.footer])


def build(data_dir: Path, seed: int = 0, copies: tuple[int, int] = (1, 4), *, framed: bool = True) -> list[Copy]:
    """The dev set: every original in a random frame, plus 1-4 edited copies in other frames.

    ``framed=False`` leaves out the frames (the same draws otherwise): the bodies a cleaned store holds."""
    place = wrap if framed else lambda text, _frame: text
    rng = random.Random(seed)
    originals, frames = load_originals(data_dir)
    out: list[Copy] = []
    for name, text in originals:
        split = "tune" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "check"
        out.append(Copy(name, place(text, rng.choice(frames)), name, split))
        for k in range(rng.randint(*copies)):
            edited = text
            for edit in rng.sample(EDITS, rng.randint(1, 3)):
                edited = edit(edited, rng)
            out.append(Copy(f"{name}#copy{k}", place(edited, rng.choice(frames)), name, split))
    rng.shuffle(out)
    return out


def pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    """Unordered same-group pairs of ids."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, group in groups.items():
        members[group].append(doc_id)
    return {(a, b) for ids in members.values() for a in ids for b in ids if a < b}


def pair_prf(predicted: dict[str, str], gold: dict[str, str]) -> PRF:
    """Precision/recall/F1 of predicted same-group pairs against gold pairs (over gold's ids)."""
    want = pairs(gold)
    got = pairs({i: g for i, g in predicted.items() if i in gold})
    return prf(len(want & got), len(got), len(want))


def score(copies: Iterable[Copy], predicted: dict[str, str]) -> dict[str, dict[str, float]]:
    """Pair PRF overall and per split."""
    copies = list(copies)
    report = {"all": pair_prf(predicted, {c.id: c.group for c in copies}).as_dict()}
    for split in ("tune", "check"):
        gold = {c.id: c.group for c in copies if c.split == split}
        report[split] = pair_prf(predicted, gold).as_dict()
    return report


def evaluate(data_dir: Path, params: Params, seed: int = 0) -> dict[str, Any]:
    """Pair P/R/F1 of ``storyline.dedup`` on the dev set, beside plain Jaccard on raw text (the baseline)."""
    copies = build(data_dir, seed=seed)
    predicted = {m.id: m.group for m in deduplicate(((c.id, c.text, None) for c in copies), params)}
    return {
        "documents": len(copies),
        "groups": len({c.group for c in copies}),
        "seed": seed,
        "storyline": score(copies, predicted),
        "raw_jaccard_0.5": score(copies, raw_jaccard_groups(copies, params)),
    }


def evaluate_store(data_dir: Path, params: Params, seed: int = 0, batch: int = 100) -> dict[str, Any]:
    """Pair P/R/F1 of the persistent index (``storyline.dedup.persist``): the unframed dev bodies indexed
    into a fresh SQLite store ``batch`` at a time, in the dev set's shuffled order."""
    import tempfile

    from storyline.dedup.persist import index_articles
    from storyline.models import Article, Document, content_hash
    from storyline.store import Store

    copies = build(data_dir, seed=seed, framed=False)
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{Path(tmp) / 'eval.db'}") as store:
        docs = [Document(id=c.id, raw=c.id.encode(), text="", format="text", source=c.id) for c in copies]
        store.add_documents(docs)
        name = {content_hash(d.raw): c.id for d, c in zip(docs, copies, strict=True)}
        articles = [Article(id=content_hash(d.raw), body=c.text) for d, c in zip(docs, copies, strict=True)]
        for first in range(0, len(articles), batch):
            with store.atomic() as conn:
                for article in articles[first : first + batch]:
                    store.save_article(conn, article, 1)
                index_articles(conn, articles[first : first + batch], params)
        predicted = {name[m.article_id]: m.group_id for g in store.groups(min_size=1) for m in g}
    return {"documents": len(copies), "seed": seed, "batch": batch, "storyline_store": score(copies, predicted)}


def raw_jaccard_groups(copies: list[Copy], params: Params) -> dict[str, str]:
    """Baseline: union of pairs whose raw-text word-shingle Jaccard (estimated) is >= 0.5."""
    from storyline.dedup.grouping import components
    from storyline.dedup.shingles import shingle_batch

    words = [" ".join(re.findall(r"\w+", c.text.casefold())).encode("utf-8") for c in copies]
    batch = shingle_batch(words, params.shingle_size)
    sigs = signatures(batch, params.permutations)
    left, right = np.triu_indices(len(copies), 1)
    same = (sigs[left] == sigs[right]).mean(axis=1) >= 0.5
    labels = components(len(copies), left[same], right[same])
    return {c.id: copies[int(label)].id for c, label in zip(copies, labels, strict=True)}
