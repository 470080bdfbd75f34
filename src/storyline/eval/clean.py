"""Scoring cleaning on html-pages-dev (`storyline eval clean`).

Each page has its source HTML, a reference body (Readability.js output, as text) and reference
metadata. We score the body four ways, as the mean over pages of shingle and token P/R/F1:

- ``html``: our ``clean_html`` on the page;
- ``trafilatura``: trafilatura alone (default settings, no comments), the baseline to beat;
- ``dump``: the naive "copy all" text dump of the page, unchanged (the floor);
- ``dump_cleaned``: our ``clean_text`` on that dump (what a scraper's text export gives us);
- ``text_content`` and ``text_content_cleaned``: the same for a noisier naive dump, the page body's
  ``text_content()`` with its scripts and styles (``eval.data.text_content_dump``).

Every system is also reported on two fixed halves of the pages (even and odd positions in name order), so a
change tuned on one half can be checked on the other.

Metadata accuracy (title, byline, published date) counts only pages whose reference has the field: ``clean_html``'s
over all pages, and ``clean_text``'s by half on the ``html_to_text`` dumps (``dump_metadata``) and on the
``text_content`` dumps (``text_content_metadata``: no <title> line, the body's scripts first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from storyline.clean.html import clean_html
from storyline.clean.html_meta import strip_by
from storyline.clean.text import clean_text
from storyline.errors import InputError
from storyline.eval.data import HtmlPage, html_pages, html_to_text, text_content_dump
from storyline.eval.metrics import shingle_prf, token_prf
from storyline.models import Article

SYSTEMS = ("html", "trafilatura", "dump", "dump_cleaned", "text_content", "text_content_cleaned")
METADATA = ("title", "byline", "published")
PARTS = ("precision", "recall", "f1")


def _norm(value: object) -> str:
    """Lower-case, single-spaced text of a metadata value ("" for None)."""
    return " ".join(str(value or "").lower().split())


def _norm_byline(value: object) -> str:
    """A byline without a leading "by" (or "par", "por", "von" ...)."""
    return _norm(strip_by(_norm(value)))


def _reference(page: HtmlPage, field: str) -> str:
    """The normalised reference value of a metadata field ("" when absent)."""
    meta = page.metadata
    if field == "title":
        return _norm(meta.get("title"))
    if field == "byline":
        return _norm_byline(meta.get("byline"))
    return str(meta.get("publishedTime") or "")[:10]


def _predicted(article: Article | None, field: str) -> str:
    """Our normalised value of a metadata field."""
    if article is None:
        return ""
    if field == "title":
        return _norm(article.title)
    if field == "byline":
        return _norm_byline(article.byline)
    return (article.published or "")[:10]


def _safe(make: Callable[[], Article]) -> Article | None:
    """Run a cleaner; an InputError (nothing usable) scores as an empty output."""
    try:
        return make()
    except InputError:
        return None


def score_page(page: HtmlPage) -> dict[str, Any]:
    """Body scores of every system and metadata hits for one page."""
    dump = html_to_text(page.html)
    whole = text_content_dump(page.html)
    article = _safe(lambda: clean_html(page.html, id=page.name))
    cleaned = _cleaned(dump, page.name)
    whole_cleaned = _cleaned(whole, page.name)
    bodies = {
        "html": article.body if article else "",
        "trafilatura": trafilatura.extract(page.html, include_comments=False) or "",
        "dump": dump,
        "dump_cleaned": cleaned.body if cleaned else "",
        "text_content": whole,
        "text_content_cleaned": whole_cleaned.body if whole_cleaned else "",
    }
    scores = {
        name: {"shingle": shingle_prf(text, page.expected_text), "token": token_prf(text, page.expected_text)}
        for name, text in bodies.items()
    }
    meta = {f: (_reference(page, f), _predicted(article, f)) for f in METADATA}
    dump_meta = {f: (_reference(page, f), _predicted(cleaned, f)) for f in METADATA}
    whole_meta = {f: (_reference(page, f), _predicted(whole_cleaned, f)) for f in METADATA}
    return {
        "name": page.name,
        "scores": scores,
        "metadata": meta,
        "dump_metadata": dump_meta,
        "text_content_metadata": whole_meta,
    }


def _cleaned(dump: str, name: str) -> Article | None:
    """``clean_text``'s article for a dump (None when there is no dump or nothing usable is left)."""
    return _safe(lambda: clean_text(dump, id=name)) if dump else None


def _mean(values: list[float]) -> float:
    """Arithmetic mean, 0 for no values, rounded for reports."""
    return round(sum(values) / len(values), 4) if values else 0.0


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean P/R/F1 per system and metric, metadata accuracy with n, and the weakest pages."""
    body = {system: _prf_means(results, system) for system in SYSTEMS}
    metadata = _accuracy(results, "metadata")
    worst = sorted(results, key=lambda r: r["scores"]["html"]["shingle"].f1)[:10]
    ordered = sorted(results, key=lambda r: str(r["name"]))
    parts = (("even", ordered[0::2]), ("odd", ordered[1::2]))
    halves = {half: {system: _prf_means(part, system) for system in SYSTEMS} for half, part in parts}
    return {
        "pages": len(results),
        "body": body,
        "halves_shingle_f1": {
            half: {s: prf["shingle"]["f1"] for s, prf in systems.items()} for half, systems in halves.items()
        },
        "halves": halves,
        "metadata": metadata,
        "dump_metadata": {half: _accuracy(part, "dump_metadata") for half, part in parts},
        "text_content_metadata": {half: _accuracy(part, "text_content_metadata") for half, part in parts},
        "weakest_html_pages": {r["name"]: round(r["scores"]["html"]["shingle"].f1, 4) for r in worst},
        "weakest_dump_pages_even": _weakest_dumps(ordered[0::2]),
    }


def _accuracy(results: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """Accuracy and n of each metadata field, over the pages whose reference has it (``key``: HTML or a dump kind)."""
    out: dict[str, Any] = {}
    for field in METADATA:
        pairs = [r[key][field] for r in results if r[key][field][0]]
        hits = sum(1 for want, got in pairs if want == got)
        out[field] = {"accuracy": round(hits / len(pairs), 4) if pairs else 0.0, "n": len(pairs)}
    return out


def _prf_means(results: list[dict[str, Any]], system: str) -> dict[str, dict[str, float]]:
    """Mean shingle and token P/R/F1 of one system over some pages."""
    return {
        metric: {part: _mean([getattr(r["scores"][system][metric], part) for r in results]) for part in PARTS}
        for metric in ("shingle", "token")
    }


WEAKEST = 20  # pages listed by their loss on the text dumps


def _weakest_dumps(results: list[dict[str, Any]]) -> dict[str, dict[str, list[float]]]:
    """The pages that lose most on the two cleaned dumps: shingle [P, R, F1] and token F1 of each style."""

    def figures(r: dict[str, Any], system: str) -> list[float]:
        shingle, token = r["scores"][system]["shingle"], r["scores"][system]["token"]
        return [round(v, 3) for v in (shingle.precision, shingle.recall, shingle.f1, token.f1)]

    def loss(r: dict[str, Any]) -> float:
        return sum(1.0 - float(r["scores"][s]["shingle"].f1) for s in ("dump_cleaned", "text_content_cleaned"))

    ranked = sorted(results, key=loss, reverse=True)[:WEAKEST]
    return {r["name"]: {s: figures(r, s) for s in ("dump_cleaned", "text_content_cleaned")} for r in ranked}


def evaluate_clean(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Score cleaning on ``data_dir/html-pages-dev`` (all pages, or the first ``limit``)."""
    results = []
    for number, page in enumerate(html_pages(data_dir)):
        if limit is not None and number >= limit:
            break
        results.append(score_page(page))
    return summarise(results)


def _row(label: str, metrics: dict[str, dict[str, float]]) -> str:
    """One table row: the label, then shingle and token P/R/F1."""
    row = [metrics[m][p] for m in ("shingle", "token") for p in PARTS]
    return f"{label:<30}" + "".join(f"{v:>{w}.4f}" for v, w in zip(row, (10, 8, 8, 10, 8, 8), strict=True))


def format_table(figures: dict[str, Any]) -> str:
    """The figures as a readable table."""
    lines = [f"html-pages-dev: {figures['pages']} pages; body scores are means over pages", ""]
    lines.append(f"{'system':<30}{'shingle P':>10}{'R':>8}{'F1':>8}{'token P':>10}{'R':>8}{'F1':>8}")
    lines.extend(_row(system, metrics) for system, metrics in figures["body"].items())
    lines.append("")
    for half, systems in figures.get("halves", {}).items():
        lines.extend(_row(f"{half} {system}", metrics) for system, metrics in systems.items())
    lines.append("")
    for field, result in figures["metadata"].items():
        lines.append(f"{field:<14}accuracy {result['accuracy']:.4f}  (n={result['n']})")
    for key, label in (("dump_metadata", "dump_cleaned"), ("text_content_metadata", "text_content_cleaned")):
        for half, fields in figures.get(key, {}).items():
            row = ", ".join(f"{f} {r['accuracy']:.4f} (n={r['n']})" for f, r in fields.items())
            lines.append(f"{half} {label} metadata: {row}")
    lines.append("")
    lines.append(
        "weakest pages (html, shingle F1): " + ", ".join(f"{k} {v}" for k, v in figures["weakest_html_pages"].items())
    )
    return "\n".join(lines)
