"""Extraction: Article text → Events (type, actors, place, date, counts, status, who says so).

Public API: :func:`extract_events` for one text, :func:`extract_many` for many in batches (one nlp.pipe),
:func:`extract_results` when failures must be kept per item.
"""

from __future__ import annotations

from storyline.extract.core import check_text, extract_events, extract_many, extract_results, parse_published

__all__ = ["check_text", "extract_events", "extract_many", "extract_results", "parse_published"]
