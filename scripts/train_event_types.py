"""Train the event-type classifier shipped in ``src/storyline/resources/models/event_types.npz``.

Training data (SILVER, never scored on): the NGEC-2025 synthetic stories and headline templates
(``../shared/data/ngec-assets``, MIT, ahalterman/NGEC-2025) — each story's filled headline and first two
sentences, and each hand-written headline template with its placeholders filled, labelled with the story's
PLOVER type — plus the type and mode definitions of the PLOVER codebook shipped in ``resources/ontology``
(NGEC, MIT), repeated ``CODEBOOK_WEIGHT`` times because they are few and exact.
Features are ``storyline.extract.events.classifier_features`` of the spaCy parse and its detection triggers
(the same function runs at extraction time); the model is a multinomial logistic regression whose weights are
saved for numpy.

Deterministic: ``python scripts/train_event_types.py [--data ../shared/data] [--cache /tmp/ev.spacy]``.
Scores are measured on PLOVER GSR gold by ``python -m storyline.eval.typing``, not here.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from storyline.extract import events
from storyline.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "storyline" / "resources" / "models" / "event_types.npz"
MIN_COUNT = 3  # a feature must occur in this many training sentences
C = 0.25  # inverse regularisation strength
LEAD_SENTENCES = 2  # sentences of each synthetic story's first paragraph used
CODEBOOK_WEIGHT = 3
_PLACEHOLDER = re.compile(r"\{(country_\d|city)\}")
_CITIES = ("Lagos", "Kabul", "Lima", "Manila", "Kharkiv", "Aleppo", "Goma", "Quito", "Dhaka", "Tunis")


def _countries(data: Path) -> list[str]:
    """Country names from the NGEC country list, in file order."""
    with (data / "ngec-assets" / "countries.csv").open(encoding="utf-8") as handle:
        return [row["Name"] for row in csv.DictReader(handle)]


def _fill(template: str, index: int, countries: list[str]) -> str:
    """A headline template with its placeholders filled deterministically from the index."""

    def name(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "city":
            return _CITIES[index % len(_CITIES)]
        return countries[(index * 7 + int(key[-1]) * 31) % len(countries)]

    return _PLACEHOLDER.sub(name, template)


def _lead(text: str) -> str:
    """The first paragraph of a synthetic story (its lead sentence is taken after parsing)."""
    return next((p.strip() for p in text.split("\n") if p.strip()), "")


def _codebook() -> list[tuple[str, str]]:
    """(definition, PLOVER type) pairs from the shipped codebook: each mode definition and each type's."""
    path = ROOT / "src" / "storyline" / "resources" / "ontology" / "plover_codebook.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = [(row["mode_def"].strip(), row["event"]) for row in rows if row["mode_def"].strip()]
    pairs += sorted({(row["event_def"].strip(), row["event"]) for row in rows})
    return pairs * CODEBOOK_WEIGHT


def examples(data: Path) -> list[tuple[str, str]]:
    """(text, PLOVER type) pairs: story headlines and leads, filled headline templates, codebook definitions."""
    countries = _countries(data)
    pairs: list[tuple[str, str]] = []
    archive = next((data / "ngec-assets").glob("gpt_synthetic_events_*.csv.zip"))
    with zipfile.ZipFile(archive) as zipped:
        name = next(n for n in zipped.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zipped.open(name), encoding="utf-8")))
    for row in rows:
        headline = row["prompt"].split("\n", 1)[0].strip()
        pairs.append((headline, row["label"]))
        pairs.append((_lead(row["text"]), row["label"]))
    with (data / "ngec-assets" / "synthetic_headlines.csv").open(encoding="utf-8") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            pairs.append((_fill(row["title"].strip(), i, countries), row["event"]))
    pairs += _codebook()
    return [(text, label) for text, label in pairs if text and label]


def featurise(pairs: list[tuple[str, str]], cache: Path | None) -> tuple[list[list[str]], list[str]]:
    """(features, label) of the first LEAD_SENTENCES sentences of each text, parsed once (DocBin cache if asked)."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) != len(pairs):
            raise SystemExit(f"{cache} holds {len(docs)} parsed texts for {len(pairs)} training texts: delete it")
    else:
        docs = list(nlp.pipe([text for text, _ in pairs], batch_size=64))
        if cache is not None:
            DocBin(docs=docs, store_user_data=False).to_disk(cache)
    feats, labels = [], []
    for doc, (_, label) in zip(docs, pairs, strict=True):
        for sent in list(doc.sents)[:LEAD_SENTENCES]:
            feats.append(events.classifier_features(sent, events.sentence_hits(sent)))
            labels.append(label)
    return feats, labels


def train(feats: list[list[str]], labels: list[str]) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
    """Fit the model: (feature names, weights [feature × class], bias, classes)."""
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for c in sorted({index[f] for f in fs if f in index}):
            rows.append(r)
            cols.append(c)
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    model.fit(matrix, labels)
    return vocab, model.coef_.T, model.intercept_, [str(c) for c in model.classes_]


def main() -> None:
    """Build the model file from the silver data."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed training texts")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pairs = examples(args.data)
    feats, labels = featurise(pairs, args.cache)
    vocab, weights, bias, classes = train(feats, labels)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        features=np.array(vocab),
        weights=weights.astype(np.float16),
        bias=bias.astype(np.float32),
        classes=np.array(classes),
    )
    print(f"{len(pairs)} texts, {len(feats)} sentences, {len(vocab)} features, {len(classes)} classes → {args.out}")


if __name__ == "__main__":
    main()
