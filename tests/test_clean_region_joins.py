"""Blocks of the article that something the reader does not see split apart, and formulas the dump broke up.

A script or ad slot copied into the dump between two parts of the story splits nothing; a formula printed one
sign per line counts for the text around it (its signs are not a menu), so sections of formulas stay together.
"""

from __future__ import annotations

from storyline.clean.text import clean_text

SENTENCES = [
    "The committee met on Monday and agreed that the new rules would apply to every member state from June.",
    "Officials said the decision had been expected for weeks, after a long debate over the costs of the plan.",
    "Critics of the plan said the costs would fall on the poorest regions, which had not been consulted at all.",
    "The finance ministers will meet again in March to decide how the money is shared between the regions.",
    "Several governments have asked for more time, and the committee said it would listen to their concerns.",
    "A final report is expected before the summer, when the rules are due to be published in full by the council.",
]
LEAD = (
    "After months of talks the member states reached a deal late on Sunday night, and the president of the "
    "committee said that the agreement was the most important one the union had signed in ten years, because "
    "it settles who pays for the new rules and when."
)
SCRIPT = [
    line
    for n in range(12)
    for line in (
        f"var slot{n} = document.createElement('script');",
        f"slot{n}.src = 'https://ads.example.com/show{n}.js';",
        f"if (window.adSlots) {{ window.adSlots.push(slot{n}); }}",
        f"document.getElementsByTagName('head')[0].appendChild(slot{n});",
    )
]  # longer than the run of line scores spans
MENU = ["Home", "World", "Business", "Sport", "Weather"]


def test_a_paragraph_across_a_script_joins_the_story() -> None:
    dump = "\n".join([*MENU, LEAD, *SCRIPT, *SENTENCES, *MENU])
    assert clean_text(dump, id="x").body.startswith(LEAD[:40])


def test_a_paragraph_across_a_menu_stays_out() -> None:
    dump = "\n".join([*MENU, LEAD, *MENU * 4, *SENTENCES, *MENU])
    body = clean_text(dump, id="x").body
    assert LEAD[:40] not in body
    assert body.startswith(SENTENCES[0])


FORMULA = ["x", "=", "−", "b", "±", "b", "2", "−", "4", "a", "c", "2", "a"]
HEADINGS = ["Quadratic roots", "The Lorenz system", "Mass and energy", "Maxwell's law", "Euler's identity", "Sums"]


def test_formula_sections_stay_in_the_text() -> None:
    intro = "When the first coefficient is not zero, the equation has two solutions, and they are written as:"
    sections = [line for heading in HEADINGS for line in (heading, *FORMULA)]
    dump = "\n".join([*MENU, intro, *sections, *SENTENCES[:3], *MENU])
    body = clean_text(dump, id="x").body
    assert body.startswith(intro)
    assert all(heading in body for heading in HEADINGS)
    assert body.endswith(SENTENCES[2])


def test_a_run_of_page_numbers_is_no_formula() -> None:
    pages = [str(n) for n in range(1, 41)]  # lone digits in a row, like a formula's, but no sign among them
    dump = "\n".join([*SENTENCES[:3], *MENU, *pages])
    assert clean_text(dump, id="x").body.endswith(SENTENCES[2])


# Paraphrased from the tumblr page of html-pages-dev (a tuning page; Mozilla Readability test fixtures, Apache-2.0).
NOTES = [
    "Added granite and diorite blocks, with smooth versions",
    "Added slime blocks",
    "Villagers will harvest crops and plant new ones",
    "Doors and fences now come in every kind of wood",
    "Added a spectator game mode",
    "Sponges soak up water again",
    "Mob heads now show both skin layers",
]


def test_a_list_right_above_the_text_is_part_of_it() -> None:
    dump = "\n".join([*MENU, *NOTES, *SENTENCES[:3], *MENU])
    body = clean_text(dump, id="x").body
    assert body.startswith(NOTES[0])
    assert "Added slime blocks" in body


def test_menus_teasers_and_headline_lists_above_the_text_stay_out() -> None:
    teasers = [f"{n} tattoos that turned out wonderfully…" for n in range(10, 17)]
    headlines = [
        "Ministers Agree New Rules For Member States",
        "Talks Resume After Long Summer Break In Brussels",
        "Markets Rise As Central Bank Holds Rates Steady",
        "Storm Warning Issued For The Northern Coast Tonight",
        "Court Rules Against Government In Landmark Case",
        "Football Club Appoints New Manager For The Season",
    ]
    for above in (MENU * 2, teasers, headlines):
        body = clean_text("\n".join([*above, *SENTENCES[:3], *MENU]), id="x").body
        assert body.startswith(SENTENCES[0]), above[0]


TABLE = [
    cell
    for row in (
        ("Region", "Budget", "Change"),
        ("North", "1,250", "+4.5%"),
        ("South", "980", "-2.1%"),
        ("East", "1,410", "+7.0%"),
        ("West", "760", "+0.8%"),
        ("Islands", "215", "-12.3%"),
        ("Capital", "2,030", "+3.3%"),
        ("Border", "645", "+9.6%"),
        ("Coast", "890", "+1.2%"),
        ("Valleys", "540", "-0.4%"),
        ("Lakes", "310", "+2.2%"),
        ("Total", "9,030", "+3.1%"),
    )
    for cell in row
]  # a table of data as a naive dump prints it: one cell a line


def test_a_table_of_figures_one_cell_a_line_splits_nothing() -> None:
    dump = "\n".join(["Home", "World", "Rules agreed for all member states", *SENTENCES[:3], *TABLE, *SENTENCES[3:5]])
    body = clean_text(dump, id="t").body
    assert body.startswith(SENTENCES[0]) and body.endswith(SENTENCES[4])
    assert "9,030" in body


def test_a_numbered_list_of_topics_is_no_table() -> None:
    topics = [
        line
        for n, topic in enumerate(["Floods", "Elections", "Markets", "Health", "Sport"], 1)
        for line in (f"{n}.", topic)
    ]
    dump = "\n".join(["Rules agreed for all member states", *SENTENCES[:3], "Top topics", *topics, SENTENCES[3]])
    assert "Elections" not in clean_text(dump, id="t").body
