"""Ingest: each supported input becomes Documents with the right fields, ids and formats."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import storyline.ingest as ingest
from storyline.ingest import IngestFailure, ReadOptions, read_bytes, read_inputs
from storyline.models import Document, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "gaza-2023"


def docs(*inputs: str | Path, options: ReadOptions | None = None) -> list[Document]:
    """Documents read from the inputs (asserting there are no failures)."""
    items = list(read_inputs([str(i) for i in inputs], options))
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert not failures, failures
    return [i for i in items if isinstance(i, Document)]


def test_public_api_names() -> None:
    assert sorted(ingest.__all__) == ["IngestFailure", "ReadOptions", "read_bytes", "read_inputs"]


def test_seed_dated_text(seed_text: str) -> None:
    [doc] = docs(SAMPLES / "reuters-2023-10-09-qatar-talks.txt")
    assert doc.format == "dated-text"
    assert doc.published == "2023-10-09"
    assert doc.text.startswith("Qatari mediators have held urgent calls")
    assert doc.raw == seed_text.encode("utf-8")
    assert doc.id == content_hash(doc.raw)
    assert doc.content_type == "text/plain"


def test_dated_text_sniffed_without_extension() -> None:
    [doc] = read_bytes(b" date 2023-10-07 Rockets were fired.\nMore text.", "stdin-blob")
    assert isinstance(doc, Document)
    assert (doc.format, doc.published, doc.text) == ("dated-text", "2023-10-07", "Rockets were fired.\nMore text.")


def test_markdown_date_line_is_published() -> None:
    [doc] = docs(SAMPLES / "ocha-flash-2023-10-09.md")
    assert (doc.format, doc.content_type, doc.published) == ("markdown", "text/markdown", "2023-10-09")
    assert not doc.text.startswith("09 Oct 2023")
    assert doc.metadata["date_line"] == "09 Oct 2023"


def test_markdown_h1_is_title() -> None:
    [doc] = read_bytes(b"# Gaza: situation report\n\nText of the report.\n", "report.md")
    assert isinstance(doc, Document)
    assert doc.title == "Gaza: situation report" and doc.published is None


def test_plain_text() -> None:
    [doc] = read_bytes(b"Plain words about Rafah.\n", "notes.txt")
    assert isinstance(doc, Document)
    assert (doc.format, doc.content_type, doc.encoding) == ("text", "text/plain", "utf-8")


def test_html_page_metadata() -> None:
    [doc] = docs(FIXTURES / "page.html")
    assert (doc.format, doc.content_type) == ("html", "text/html")
    assert doc.title == "Strike hits Khan Yunis | Example News"
    assert doc.site == "Example News"
    assert doc.published == "2023-10-26T08:30:00+00:00"
    assert doc.url == "https://news.example.org/2023/10/26/strike"
    assert doc.metadata["language"] == "en"
    assert "<article>" in doc.text


def test_html_sniffed_without_extension() -> None:
    [doc] = read_bytes(b"\n  <!doctype html><html><head><title>T</title></head><body><p>x</p></body></html>", "page")
    assert isinstance(doc, Document) and doc.format == "html" and doc.title == "T"


def test_gzip_of_html_by_magic_and_by_name() -> None:
    [by_name] = docs(FIXTURES / "page.html.gz")
    [by_magic] = read_bytes((FIXTURES / "page.html.gz").read_bytes(), "download")
    assert isinstance(by_magic, Document)
    assert by_name.format == by_magic.format == "html"
    assert by_name.raw == (FIXTURES / "page.html").read_bytes()
    assert by_name.id == by_magic.id


def test_broken_html_is_still_a_document() -> None:
    [doc] = docs(FIXTURES / "broken.html")
    assert doc.format == "html" and doc.title == "Half a page"


def test_rss_items() -> None:
    first, second = docs(FIXTURES / "feed.rss")
    assert first.source.endswith("feed.rss#item=0") and first.format == "rss"
    assert first.title == "Talks on hostage exchange continue"
    assert first.url == "https://wire.example.org/a1"
    assert first.published == "2023-10-09T12:00:00+00:00"
    assert first.content_type == "text/html" and "No breakthrough yet" in first.text
    assert first.metadata["input_id"] == "wire-a1" and first.metadata["feed_title"] == "Example Wire"
    assert first.raw.startswith(b"<item>") and first.raw.endswith(b"</item>")
    assert first.id == content_hash(first.raw)
    assert second.published is None and "not a date at all" in second.metadata["date_error"]
    assert second.content_type == "text/plain"


def test_atom_entry() -> None:
    [entry] = docs(FIXTURES / "feed.atom")
    assert entry.title == "Flash update 4" and entry.published == "2023-10-10T09:00:00+00:00"
    assert entry.url == "https://updates.example.org/4" and "260,000" in entry.text


def test_jsonl_fields_and_failures() -> None:
    items = list(read_inputs([str(FIXTURES / "items.jsonl")]))
    by_line = {i.source.rsplit("#", 1)[1]: i for i in items}
    assert sorted(by_line) == ["L1", "L2", "L3", "L5", "L6"]  # the blank line 4 is skipped
    first = by_line["L1"]
    assert isinstance(first, Document)
    assert (first.title, first.published, first.url, first.site) == (
        "First",
        "2023-10-12",
        "https://x.example/1",
        "Example",
    )
    assert first.metadata == {"input_id": "a1", "lang": "en", "domain": "x.example"}
    assert first.raw == (FIXTURES / "items.jsonl").read_bytes().splitlines()[0]
    bad = by_line["L2"]
    assert isinstance(bad, IngestFailure) and bad.error.reason == "malformed_input" and bad.raw == b"{this is not json"
    html = by_line["L3"]
    assert isinstance(html, Document) and html.content_type == "text/html" and html.title == "Second"
    assert html.published is None and "date_error" in html.metadata
    no_text = by_line["L5"]
    assert isinstance(no_text, IngestFailure) and "id, note" in no_text.error.message
    rfc = by_line["L6"]
    assert isinstance(rfc, Document) and rfc.published == "2023-10-12T09:00:00+03:00"


def test_jsonl_in_txt_is_sniffed() -> None:
    data = b'{"text": "one"}\n{"text": "two"}\n'
    assert [d.text for d in read_bytes(data, "export.txt") if isinstance(d, Document)] == ["one", "two"]


def test_named_fields() -> None:
    data = b'{"story": "x", "body": "y", "when": "2023-10-08", "name": "N", "key": "k1"}\n'
    options = ReadOptions(text_field="body", date_field="when", title_field="name", id_field="key")
    [doc] = read_bytes(data, "a.jsonl", options)
    assert isinstance(doc, Document)
    assert (doc.text, doc.published, doc.title) == ("y", "2023-10-08", "N")
    assert doc.metadata == {"input_id": "k1", "story": "x"}


def test_json_array_and_object_with_list() -> None:
    records = [{"id": 1, "text": "alpha"}, {"id": 2, "content": "beta", "title": "B"}]
    array = json.dumps(records, indent=2).encode()
    wrapped = json.dumps({"status": "ok", "articles": records}).encode()
    for data in (array, wrapped):
        first, second = read_bytes(data, "dump.json")
        assert isinstance(first, Document) and isinstance(second, Document)
        assert (first.text, second.text, second.title) == ("alpha", "beta", "B")
        assert json.loads(first.raw) == records[0]  # the item's own bytes
        assert second.source == "dump.json#item=1"


def test_single_json_object() -> None:
    data = b'{"title": "One", "body": "Only story.", "date": "2023-10-09"}'
    [doc] = read_bytes(data, "one.json")
    assert isinstance(doc, Document) and doc.raw == data and doc.published == "2023-10-09"
    assert doc.source == "one.json"


def test_csv_rows() -> None:
    first, second = docs(FIXTURES / "items.csv")
    assert (first.title, first.published, first.format) == ("One", "2023-10-07", "csv")
    assert first.raw == b'1,One,"Plain first row, with a comma",2023-10-07'
    assert second.text == "Second row\nspans two lines"
    assert second.raw == b'2,Two,"Second row\nspans two lines",2023-10-08'
    assert first.metadata["input_id"] == "1"


def test_tsv() -> None:
    [doc] = read_bytes(b"title\tcontent\nT\tTab separated story\n", "x.tsv")
    assert isinstance(doc, Document) and doc.text == "Tab separated story" and doc.title == "T"


def test_warc_html_responses_only() -> None:
    pages = docs(FIXTURES / "crawl.warc.gz")
    assert [p.source.rsplit("#", 1)[1] for p in pages] == ["record=0", "record=3"]
    strike, aid = pages
    assert strike.url == "https://news.example.org/2023/10/26/strike"
    assert strike.published == "2023-10-26T08:30:00+00:00" and strike.format == "html"
    assert strike.raw == (FIXTURES / "page.html").read_bytes()
    assert strike.metadata["warc_headers"]["WARC-Type"] == "response"
    assert aid.metadata["published_from"] == "WARC-Date" and aid.published is not None


def test_uncompressed_warc() -> None:
    data = gzip.decompress((FIXTURES / "crawl.warc.gz").read_bytes())
    assert [d.title for d in read_bytes(data, "crawl.warc") if isinstance(d, Document)] == [
        "Strike hits Khan Yunis | Example News",
        "Aid",
    ]


def test_encodings_decode_correctly() -> None:
    [latin] = docs(FIXTURES / "cp1252.txt")
    assert latin.text.startswith("Café owners in Sdérot said “we stayed” – naïve hopes, 5€ a day.")
    [wide] = docs(FIXTURES / "utf16.txt")
    assert wide.text == "Gaza — القدس updates\n" and wide.encoding == "utf-16"
    [bom] = read_bytes("\ufeffdate 2023-10-09 Text after a BOM".encode("utf-8-sig"), "bom.txt")
    assert isinstance(bom, Document) and bom.published == "2023-10-09" and bom.text == "Text after a BOM"
    [declared] = read_bytes(
        '<html><head><meta charset="iso-8859-1"><title>Gen\xe8ve</title>'.encode("latin-1"), "p.html"
    )
    assert isinstance(declared, Document) and declared.title == "Genève"


def test_directory_recursive_sorted_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / ".secret.txt").write_text("hidden")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden")
    assert [d.text for d in docs(tmp_path)] == ["one", "two"]


def test_glob(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(name)
    assert [d.text for d in docs(tmp_path / "x*.txt")] == ["x1.txt", "x2.txt"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(b'{"text": "from a pipe"}\n{"text": "second"}\n'))
    monkeypatch.setattr(sys, "stdin", stdin)
    got = list(read_inputs(["-"]))
    assert [d.text for d in got if isinstance(d, Document)] == ["from a pipe", "second"]
    assert got[0].source == "<stdin>#L1"


def test_ingest_is_idempotent() -> None:
    inputs = [str(FIXTURES / "items.jsonl"), str(FIXTURES / "feed.rss")]
    first = [d.id for d in read_inputs(inputs) if isinstance(d, Document)]
    again = [d.id for d in read_inputs(inputs) if isinstance(d, Document)]
    assert len(first) == 5
    assert first == again
    assert len(set(first)) == len(first)


def test_read_options_shape_and_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import fields

    names = [f.name for f in fields(ReadOptions)]
    assert names == [
        "text_field",
        "date_field",
        "title_field",
        "url_field",
        "id_field",
        "source_field",
        "max_bytes",
        "fetch_timeout",
    ]
    monkeypatch.setenv("STORYLINE_MAX_DOCUMENT_BYTES", "1234")
    monkeypatch.setenv("STORYLINE_FETCH_TIMEOUT", "2.5")
    options = ReadOptions()
    assert (options.max_bytes, options.fetch_timeout) == (1234, 2.5)


def test_csv_big_html_cell_and_cp1252() -> None:
    cell = "<p>" + "word " * 40_000 + "</p>"
    data = ("title,html\nBig," + cell + "\nLatin,Genève – “quoted”\n").encode("cp1252")
    big, latin = read_bytes(data, "pages.csv")
    assert isinstance(big, Document) and big.content_type == "text/html" and len(big.text) > 131_072
    assert isinstance(latin, Document) and latin.text == "Genève – “quoted”" and latin.encoding == "cp1252"


def test_common_export_shapes() -> None:
    newsapi = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "Reuters"},
                "title": "Talks continue",
                "url": "https://www.reuters.com/world/x",
                "publishedAt": "2023-10-09T12:00:00Z",
                "content": "Qatar is mediating talks… [+2000 chars]",
            }
        ],
    }
    [story] = read_bytes(json.dumps(newsapi).encode(), "newsapi.json")
    assert isinstance(story, Document)
    assert (story.site, story.published, story.metadata["domain"]) == (
        "Reuters",
        "2023-10-09T12:00:00+00:00",
        "reuters.com",
    )
    jsonfeed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Feed",
        "items": [{"id": "1", "content_html": "<p>Aid arrived.</p>", "date_published": "2023-10-21T08:00:00Z"}],
    }
    [item] = read_bytes(json.dumps(jsonfeed).encode(), "feed.json")
    assert isinstance(item, Document) and item.content_type == "text/html" and item.published is not None
    record = {"text": "A story that carries a list of related links.", "related": [{"url": "https://a"}]}
    [single] = read_bytes(json.dumps(record).encode(), "one.json")
    assert isinstance(single, Document) and single.metadata["related"] == [{"url": "https://a"}]


def test_path_objects_are_accepted() -> None:
    [doc] = read_inputs([SAMPLES / "reuters-2023-10-09-qatar-talks.txt"])  # type: ignore[list-item]
    assert isinstance(doc, Document)


def test_bz2_and_xz_are_looked_through() -> None:
    import bz2
    import lzma

    lines = b'{"text": "first"}\n{"text": "second"}\n'
    for packed, name in ((bz2.compress(lines), "export.jsonl.bz2"), (lzma.compress(lines), "export.jsonl.xz")):
        assert [d.text for d in read_bytes(packed, name) if isinstance(d, Document)] == ["first", "second"]
    [page] = read_bytes(bz2.compress((FIXTURES / "page.html").read_bytes()), "download")
    assert isinstance(page, Document) and page.format == "html"


def test_zip_members_are_read_in_name_order() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("b/stories.csv", "title,text\nT1,Row one\nT2,Row two\n")
        archive.writestr("a.txt", " date 2023-10-09 Dated text inside a zip.")
        archive.writestr("__MACOSX/._a.txt", b"\x00\x05\x16\x07")
        archive.writestr(".hidden.txt", "skip me")
    items = list(read_bytes(buffer.getvalue(), "bundle.zip"))
    assert [i.source for i in items] == [
        "bundle.zip#member=a.txt",
        "bundle.zip#member=b/stories.csv#L2",
        "bundle.zip#member=b/stories.csv#L3",
    ]
    assert isinstance(items[0], Document) and items[0].published == "2023-10-09"
    assert isinstance(items[2], Document) and items[2].title == "T2"


def test_text_that_starts_with_a_bracket_is_text() -> None:
    for data in (b"[Reuters] Gaza officials said on Monday...", b"{Updated} Talks resumed in Doha."):
        [doc] = read_bytes(data, "story.txt")
        assert isinstance(doc, Document) and doc.format == "text" and doc.text == data.decode()


# One sentence per language in its legacy single-byte encodings (text written for these tests).
LEGACY = {
    "Министерство сообщило, что погибли по меньшей мере сорок человек, ещё сотни получили ранения.": [
        "cp1251",
        "koi8_r",
    ],
    "משרד הבריאות הודיע כי לפחות ארבעים בני אדם נהרגו בתקיפות, ומאות נוספים נפצעו.": ["cp1255"],
    "أعلنت وزارة الصحة أن أربعين شخصا على الأقل قتلوا في الغارات، وأصيب المئات.": ["cp1256"],
    "Το υπουργείο ανακοίνωσε ότι τουλάχιστον σαράντα άνθρωποι σκοτώθηκαν στις επιδρομές.": ["cp1253", "iso8859_7"],
    "El ministerio dijo que al menos cuarenta personas murieron, según informó la agencia española.": [
        "cp1252",
        "latin-1",
    ],
    "Ministerstwo zdrowia poinformowało, że w wyniku ataków zginęło co najmniej czterdzieści osób, a setki "
    "zostały ranne. Rozmowy o zawieszeniu broni trwają w Kairze.": [
        "cp1250",
        "iso8859_2",
    ],
    "Sağlık Bakanlığı, saldırılarda en az kırk kişinin öldüğünü açıkladı.": ["cp1254"],
    "Don’t stop — “we stayed” – 5€ a day.": ["cp1252"],
}


@pytest.mark.parametrize("text,encoding", [(t, e) for t, encs in LEGACY.items() for e in encs])
def test_legacy_encodings_decode_correctly(text: str, encoding: str) -> None:
    [doc] = read_bytes(text.encode(encoding), "story.txt")
    assert isinstance(doc, Document) and doc.text == text


def test_utf8_with_a_few_stray_bytes_stays_utf8() -> None:
    text = "Le ministère a annoncé à Genève que les négociations — “sérieuses” — continuent. " * 4
    data = text.encode("utf-8")
    [doc] = read_bytes(data[:41] + b"\x92" + data[41:], "page.txt")
    assert isinstance(doc, Document) and doc.encoding == "utf-8"
    assert doc.text.replace("\ufffd", "") == text


def test_csv_and_tsv_sniffed_without_a_name() -> None:
    for data in (b"id,title,text\n1,T,Story one\n", b"id\ttitle\ttext\n1\tT\tStory one\n"):
        [doc] = read_bytes(data, "<stdin>")
        assert isinstance(doc, Document) and (doc.format, doc.text, doc.title) == ("csv", "Story one", "T")
    [prose] = read_bytes(b"Text, with commas, is not a table.\nSecond line.", "<stdin>")
    assert isinstance(prose, Document) and prose.format == "text"


def test_dated_text_with_the_article_on_the_next_line() -> None:
    [doc] = read_bytes(b"date 2023-10-09\r\nQatari mediators held calls.\r\nMore.", "a.txt")
    assert isinstance(doc, Document) and doc.format == "dated-text" and doc.published == "2023-10-09"
    assert doc.text == "Qatari mediators held calls.\r\nMore."


def test_xhtml_with_an_xml_declaration() -> None:
    page = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
        b'<head><title>Strike in Rafah</title><meta property="og:site_name" content="Wire"/></head><body/></html>'
    )
    [doc] = read_bytes(page, "page.xhtml")
    assert isinstance(doc, Document) and (doc.format, doc.title, doc.site) == ("html", "Strike in Rafah", "Wire")


def test_headline_only_feed_item() -> None:
    feed = b"""<rss version="2.0"><channel><title>Headlines</title>
    <item><title>Ceasefire talks resume in Cairo</title><link>https://h.example/1</link></item>
    <item><link>https://h.example/2</link></item></channel></rss>"""
    headline, empty = read_bytes(feed, "headlines.rss")
    assert isinstance(headline, Document) and headline.text == "Ceasefire talks resume in Cairo"
    assert headline.metadata["text_from"] == "title"
    assert isinstance(empty, IngestFailure) and empty.source == "headlines.rss#item=1"


def test_dated_text_inside_a_record(seed_text: str) -> None:
    line = json.dumps({"id": "seed-0", "text": seed_text}).encode()
    [doc] = read_bytes(line + b"\n", "seeds.jsonl")
    assert isinstance(doc, Document) and doc.published == "2023-10-09"
    assert doc.text.startswith("Qatari mediators") and doc.metadata["date_prefix"] == "2023-10-09"


def test_jsonl_with_a_byte_order_mark() -> None:
    data = '{"text": "first"}\n{"text": "second"}\n'.encode("utf-8-sig")
    assert [d.text for d in read_bytes(data, "bom.jsonl") if isinstance(d, Document)] == ["first", "second"]


def test_warc_resource_records_of_html() -> None:
    import io

    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    page = b"<html><head><title>Captured</title></head><body><p>Aid arrived.</p></body></html>"
    record = writer.create_warc_record(
        "https://c.example/1", "resource", payload=io.BytesIO(page), warc_content_type="text/html"
    )
    writer.write_record(record)
    [doc] = read_bytes(out.getvalue(), "capture.warc")
    assert isinstance(doc, Document) and (doc.title, doc.url, doc.raw) == ("Captured", "https://c.example/1", page)
