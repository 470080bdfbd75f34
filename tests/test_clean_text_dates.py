"""Date lines: the publication date written on a line of its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storyline.clean.dates import date_of_line
from storyline.lexicon_files import read_rows


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("26 Oct 2023", "2023-10-26"),
        ("October 9, 2023", "2023-10-09"),
        ("Published Thursday 27 July 2017", "2017-07-27"),
        ("Sept. 25, 2018", "2018-09-25"),
        ("Updated 2023-10-09 14:02", "2023-10-09"),
        ("9th November 2023 • 2:15pm", "2023-11-09"),
        ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", "2019-04-28"),  # two dates: the first
        ("9/11/13 10:00AM", "2013-09-11"),  # figures only: slashes put the month first, as US sites write
        ("10.15.15", "2015-10-15"),  # the second figure cannot be a month
        ("04.05.2015", "2015-05-04"),  # dots put the day first
        ("25/12/2023", "2023-12-25"),  # the first figure cannot be a month
        ("04.05.15", "2015-05-04"),  # dots, two figures each: the day first
        ("1.5.2023", "2023-05-01"),  # dots and a four-figure year: the day first, as most non-US pages write
        ("17.03.2021 09:30", "2021-03-17"),  # a time after it
        ("05/04/2023 14:30", "2023-04-05"),  # slashes, but a 24-hour clock: a European page, the day first
        ("05/04/2023 10h30", "2023-04-05"),
        ("05/04/2023 10:30 AM", "2023-05-04"),  # a 12-hour clock: month first
    ],
)
def test_date_lines(line: str, iso: str) -> None:
    assert date_of_line(line) == iso


@pytest.mark.parametrize(
    ("line", "language", "iso"),
    [
        ("05/04/2023", "fr", "2023-04-05"),  # slashes, no clock, a French page: the day first
        ("05/04/2023", "de", "2023-04-05"),
        ("05/04/2023", "en", "2023-05-04"),  # an English page: month first, as US sites write
        ("05/04/2023", None, "2023-05-04"),  # language unknown: as an English page
        ("25/12/2023", "en", "2023-12-25"),  # the first figure cannot be a month, whatever the language
        ("12/25/2023", "fr", "2023-12-25"),  # the second cannot be one
        ("04.05.2015", "en", "2015-05-04"),  # dots put the day first on English pages too
    ],
)
def test_slash_dates_by_page_language(line: str, language: str | None, iso: str) -> None:
    assert date_of_line(line, language) == iso


@pytest.mark.parametrize(
    "line",
    [
        "31 Feb 2023",
        "The ceasefire announced on 9 October 2023 was broken within hours by both sides of the conflict.",
        "Flash Update #20",
        "Officials said on October 9, 2023 that the bridge would stay closed for weeks",  # a sentence, 14 words
        "Version 1.2",
        "13/13/2023",
        "2.7.18",  # a version number: dots before a two-figure year need two figures each
        "3.10.12",
        "3.10.2",  # a score, a version
        "555.123.4567",  # a phone number
        "10.0.0.1",  # an address
        "12.99",  # a price
        "2019.1.2.3",  # a version with a year-like first part
        "2026年13月1日",  # no thirteenth month
    ],
)
def test_not_date_lines(line: str) -> None:
    assert date_of_line(line) is None


def test_every_month_name_of_the_shared_table_is_read() -> None:
    for name, number in read_rows("dates", "months.tsv"):
        assert date_of_line(f"3 {name.title()} 2021") == f"2021-{int(number):02d}-03"


def test_clean_reads_the_month_table_without_the_extractor() -> None:
    code = "import sys, storyline.clean.text; print([m for m in ('spacy', 'storyline.extract') if m in sys.modules])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


_FRENCH = (
    "Le fleuve est monté plus vite que prévu dimanche soir, et le vieux pont a été fermé avant l'aube par les autorités"
    " de la ville. Les habitants des quartiers bas ont été évacués pendant la nuit, selon la préfecture qui a ouvert un"
    " centre d'accueil dans une école."
)
_ENGLISH = (
    "The river rose faster than anyone had expected on Sunday night, and the old bridge was closed before dawn by the"
    " city. Residents of the low-lying districts were moved out during the night, officials said, and a shelter opened"
    " in a school."
)


@pytest.mark.parametrize(("body", "iso"), [(_FRENCH, "2023-04-05"), (_ENGLISH, "2023-05-04")])
def test_clean_text_reads_a_slash_date_by_the_page_language(body: str, iso: str) -> None:
    from storyline.clean.text import clean_text

    article = clean_text("\n".join(["Le pont ferme", "05/04/2023", body, body.upper()]), id="d")
    assert article.published == iso


def test_a_date_glued_to_the_word_before_it_is_read() -> None:
    assert date_of_line("Reuters StaffMarch 4, 2021") == "2021-03-04"
    assert date_of_line("Associated PressJanuary 15, 2019 10:02 AM") == "2019-01-15"
    assert date_of_line("Summary 5, 2020") is None  # a month's letters inside a word are no month
    assert date_of_line("SUMMARY 5, 2020") is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Publicado el 14 de abril de 2026", "2026-04-14"),  # Spanish: "de" before the month and the year
        ("Publicado em 7 de setembro de 2025 às 10h30", "2025-09-07"),  # Portuguese
        ("Publié le 1er mars 2026", "2026-03-01"),  # French: "1er"
        ("Veröffentlicht am 3. März 2026, 14:20 Uhr", "2026-03-03"),  # German: a stop after the day
        ("12 Agustus 2025", "2025-08-12"),  # Indonesian
        ("3 Ekim 2024", "2024-10-03"),  # Turkish
        ("2026年9月12日 10:30", "2026-09-12"),  # Chinese, Japanese: year, month and day marked by their signs
        ("2026년 9월 12일 오후 3:00", "2026-09-12"),  # Korean
        ("2026/09/12 10:30", "2026-09-12"),  # year first in figures
        ("2026.9.12", "2026-09-12"),
    ],
)
def test_date_lines_in_other_languages(line: str, iso: str) -> None:
    assert date_of_line(line) == iso


def test_every_month_name_of_the_other_languages_table_is_read() -> None:
    for name, number, _language in read_rows("clean", "months.tsv"):
        assert date_of_line(f"3 {name.title()} 2021") == f"2021-{int(number):02d}-03"


# (menu, headline, date line, published, body) of pages in other languages; the Turkish one in capitals
_FOREIGN_PAGES = [
    (
        ["Inicio", "Deportes"],
        "Doce muertos por las lluvias en el sur",
        "Publicado el 14 de abril de 2026",
        "2026-04-14",
        [
            "Al menos doce personas murieron por las lluvias del fin de semana, informaron las autoridades el lunes.",
            "El servicio de protección civil dijo que más de dos mil familias habían sido evacuadas de sus casas.",
        ],
    ),
    (  # in capitals, with the Turkish dotted capital i
        ["Anasayfa", "Gündem"],
        "Sel felaketinde yüzlerce kişi tahliye edildi",
        "14 EKİM 2025",
        "2025-10-14",
        [
            "Kentte etkili olan sağanak yağış nedeniyle birçok ev ve iş yeri su altında kaldı, yetkililer açıkladı.",
            "Valilik, bölgede mahsur kalan yüzlerce kişinin ekiplerce güvenli alanlara tahliye edildiğini bildirdi.",
        ],
    ),
]


@pytest.mark.parametrize(
    ("menu", "headline", "date_line", "published", "body"), _FOREIGN_PAGES, ids=["spanish", "turkish capitals"]
)
def test_a_date_line_in_another_language_under_the_headline_is_read_and_keeps_the_article(
    menu: list[str], headline: str, date_line: str, published: str, body: list[str]
) -> None:
    """The date line is read as the date, not taken as the headline, and the article around it is kept."""
    from storyline.clean.text import clean_text

    article = clean_text("\n".join([*menu, headline, date_line, *body]), id="d")
    assert (article.title, article.published) == (headline, published)
    assert article.body is not None and body[0] in article.body


def _turkish_upper(name: str) -> str:
    """Upper case as a Turkish page writes it: dotted "İ" for "i", plain "I" for dotless "ı"."""
    return name.replace("i", "İ").replace("ı", "I").upper()


def test_every_month_name_is_read_in_capitals_and_in_turkish_capitals() -> None:
    for name, number, _language in read_rows("clean", "months.tsv"):
        for written in (name.upper(), name.capitalize(), _turkish_upper(name), _turkish_upper(name[0]) + name[1:]):
            assert date_of_line(f"14 {written} 2025") == f"2025-{int(number):02d}-14", written


@pytest.mark.parametrize(
    "opening",
    [
        "On 3 March 2026 a landslide buried four houses.",
        "El 3 de marzo de 2026 un alud sepultó cuatro casas.",
        "Am 3. März 2026 verschüttete ein Erdrutsch vier Häuser.",
    ],
)
def test_a_short_sentence_opening_with_a_date_is_no_date_line(opening: str) -> None:
    assert date_of_line(opening) is None


@pytest.mark.parametrize(
    ("headline", "opening", "rest"),
    [
        (
            "Landslide buries homes in mountain village",
            "On 3 March 2026 a landslide buried four houses.",
            [
                "Rescue teams worked through the night to reach the families, and two people were pulled alive.",
                "The regional government said heavy rain over the previous week had loosened the slope above.",
            ],
        ),
        (
            "Un alud sepulta varias casas en un pueblo de montaña",
            "El 3 de marzo de 2026 un alud sepultó cuatro casas.",
            [
                "Los equipos de rescate trabajaron toda la noche para llegar a las familias y sacaron a dos personas.",
                "El gobierno regional dijo que las lluvias de la semana anterior habían debilitado la ladera.",
            ],
        ),
    ],
)
def test_a_short_first_paragraph_opening_with_a_date_stays_in_the_body(
    headline: str, opening: str, rest: list[str]
) -> None:
    from storyline.clean.text import clean_text

    dump = "\n".join(["Home", "World", headline, "By Ana Ruiz", opening, *rest])
    assert clean_text(dump, id="d").body.startswith(opening)
