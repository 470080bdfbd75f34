"""The layout of text dumps: restated paragraphs, code that reads like prose."""

from __future__ import annotations

from storyline.clean.codeshape import code_shaped, glued
from storyline.clean.layout import analyse
from storyline.clean.region import _formula_char, card_runs, formula_lines, related_runs, teaser_zones
from storyline.clean.text import clean_text

PARAGRAPH = "The committee met on Monday and agreed that the new rules would apply to every member state from June."
OTHER = "Officials said the decision had been expected for weeks, after a long debate over the costs of the plan."
THIRD = "Critics of the plan said the costs would fall on the poorest regions, which had not been consulted at all."


def test_paragraph_restated_word_for_word_is_kept() -> None:
    article = clean_text("\n".join([PARAGRAPH, OTHER, PARAGRAPH, THIRD]), id="x")
    assert article.body.count("The committee met") == 2
    assert "Critics of the plan" in article.body


def test_block_saved_twice_is_kept_once() -> None:
    article = clean_text("\n".join([PARAGRAPH, OTHER, "Share", PARAGRAPH, OTHER]), id="x")
    assert article.body.count("The committee met") == 1
    assert article.body.count("Officials said") == 1


def test_restatement_far_away_is_a_copy() -> None:
    menu = [f"Section {n}" for n in range(25)]
    layout = analyse("\n".join([PARAGRAPH, OTHER, *menu, PARAGRAPH]))
    assert layout.repeats == {27: 0}


SHELTERS = [
    "The county has opened a shelter in the {} social hall, which takes families with children and older people.",
    "Volunteers at the {} social hall said they were short of blankets, and asked residents to bring what they could.",
]


def test_list_items_that_name_different_things_are_not_repeats() -> None:
    items = [SHELTERS[0].format(place) for place in ("Kibera", "Mathare", "Kawangware")]
    day = "Day {}: the convoy waited at the crossing while officials checked every lorry and its papers."
    days = [day.format(n) for n in (1, 2)]  # two items in a row
    article = clean_text("\n".join([PARAGRAPH, OTHER, *items, *days, THIRD]), id="x")
    assert all(item in article.body for item in [*items, *days])
    assert "repeated" not in {r.reason for r in article.removed}


def test_edited_copy_of_a_paragraph_is_still_a_repeat() -> None:
    edited = SHELTERS[0].format("Kibera").replace("has opened", "opened")  # a word dropped: another version
    retyped = SHELTERS[0].format("Kibera").replace("has", "had")  # a word changed that names nothing
    for copy in (edited, retyped):
        article = clean_text("\n".join([SHELTERS[0].format("Kibera"), PARAGRAPH, OTHER, copy, THIRD]), id="x")
        assert article.body.count("social hall") == 1


def test_copy_with_a_sentence_opening_or_a_common_word_changed_is_still_a_repeat() -> None:
    fire = "{} said the fire started in a kitchen on the third floor of the hotel shortly after midnight on Sunday."
    fair = "The {} fair in Carlisle, which Arthur Lee opened on Friday, drew more visitors than it did last year."
    pairs = [  # a sentence's first word is capitalised by the sentence; "art" is no name beside "Arthur"
        (fire.format("Witnesses"), fire.format("Firefighters")),
        (fair.format("art"), fair.format("car")),
    ]
    for first, copy in pairs:
        article = clean_text("\n".join([first, PARAGRAPH, OTHER, THIRD, copy]), id="x")
        assert article.body.count(first[-30:]) == 1, copy


WRAPPED = [  # one paragraph as a page's source wraps it: the dump breaks its lines where the source did
    "Checkpoint {} on the northern road stayed closed on Tuesday, and drivers who had",
    "waited since the morning were told to turn back, according to two aid workers",
    "who were travelling with the convoy and who spoke on condition of anonymity.",
]


def test_wrapped_paragraphs_of_a_list_are_not_repeats() -> None:
    items = [line.format(n) if k == 0 else line for n in (4, 7, 9) for k, line in enumerate(WRAPPED)]
    article = clean_text("\n".join([PARAGRAPH, OTHER, *items, THIRD]), id="x")
    assert [f"Checkpoint {n} on" in article.body for n in (4, 7, 9)] == [True, True, True]
    assert article.body.count("who were travelling with the convoy") == 3


def test_wrapped_paragraph_saved_twice_with_a_figure_updated_is_a_copy() -> None:
    copy = [line.format(4) if k == 0 else line for k, line in enumerate(WRAPPED)]
    update = [line.format(5) if k == 0 else line for k, line in enumerate(WRAPPED)]
    article = clean_text("\n".join([*copy, PARAGRAPH, OTHER, *update, THIRD]), id="x")
    assert article.body.count("who were travelling with the convoy") == 1


def test_code_shapes() -> None:
    assert code_shaped("div.teads-inread div.teads-ui-label, div.teads-inboard div.teads-ui-label, div.x .y {")
    assert code_shaped('"countries": ["gb", "ie", "za"], "slot": "top_banner", "sizes": [[728, 90]]')
    assert code_shaped("var related = { vid: 'x03', cid: 'ehl', url: 'http://v.qq.com/page/x.html' };")
    assert not code_shaped(PARAGRAPH)
    assert not code_shaped("WASHINGTON (AP) — The U.S. said on Monday (local time) it would send 3.5 tons of aid.")


def test_style_sheet_in_a_dump_is_not_the_article() -> None:
    css = ".at4-recommended-horizontal .at4-no-image-dark .at4-recommended-item-placeholder-img { background: none"
    lines = [f"{css} {n}" for n in range(70)] + [PARAGRAPH, OTHER, THIRD]
    layout = analyse("\n".join(lines))  # the style sheet fills the language sample: no stopword list
    assert layout.language is None
    assert not layout.lines[0].prose and layout.lines[0].code
    assert (layout.start, layout.end) == (70, 73)


def test_formula_broken_into_lines_does_not_split_the_article() -> None:
    formula = ["x", "=", "−", "b", "±", "4", "a", "c"] * 4  # longer than the gap a second block may jump
    layout = analyse("\n".join(["Home", "News", PARAGRAPH, *formula, OTHER, THIRD, "Contact us"]))
    assert (layout.start, layout.end) == (2, 37)


def test_formula_signs_are_not_braces_or_icons() -> None:
    assert all(_formula_char(char) for char in "xβ2=±−(]")
    assert not any(_formula_char(char) for char in "{};•►\u200b")


def test_ranking_numbers_are_not_a_formula() -> None:
    ranking = [part for n in range(1, 6) for part in (str(n), f"Headline number {n} about the news today")]
    assert formula_lines(analyse("\n".join([PARAGRAPH, *ranking, "• ►", "►", "▼"])).lines) == set()


def test_teaser_cards_are_not_the_article() -> None:
    cards = [
        "Welcome to the island where the richest are building a nightmare",
        "Conor Lynch",
        "My kids were embarrassed that their dad worked at the store",
        "Joseph Coleman",
        "Economic redistribution is our only hope for the middle class",
        "Robert Reich",
    ]
    assert card_runs(analyse("\n".join([PARAGRAPH, OTHER, *cards])).lines) == set(range(2, 8))


def test_bulleted_list_in_the_story_is_not_cards() -> None:
    bullets = [
        "The union must stay together to have influence on the world stage",
        "He is confident the nuclear deal will be passed by the parliament",
        "He would speak bluntly against corruption in the region and abroad",
    ]
    assert card_runs(analyse("\n".join([PARAGRAPH, *bullets, OTHER])).lines) == set()


def test_headline_over_a_copy_of_the_lead_gets_no_bonus() -> None:
    title = "Committee agrees new rules for member states"
    shared = [title, "Share this link", PARAGRAPH]
    menu = [f"Section {n}" for n in range(25)]
    layout = analyse("\n".join([title, title, PARAGRAPH, OTHER, *menu, *shared]))
    assert layout.repeats[31] == 2
    assert layout.scores[31] <= 0 < layout.scores[2]


def test_article_split_by_a_long_inline_script_is_joined() -> None:
    script = [f"window.adSlot{n} = {{ id: 'gpt-{n}' }};" for n in range(40)]
    fourth = "Ministers will meet again in the autumn to review how the first months of the new rules have gone."
    story = [PARAGRAPH, OTHER, *script, THIRD, fourth]
    layout = analyse("\n".join(["Home", *story, "Contact us"]))
    assert (layout.start, layout.end) == (1, 45)


def test_long_paragraph_after_related_links_ends_the_teaser_zone() -> None:
    related = ["Related stories", "Ministers meet in Brussels", "Talks on the budget resume"]
    long = " ".join([PARAGRAPH, OTHER, THIRD, "It was approved."])  # 61 words: longer than any teaser
    lines = analyse("\n".join([*related, "First point", long, "Second point", long.replace("June", "July")])).lines
    assert teaser_zones(lines, related_runs(lines)) == set()


def test_comment_thread_run_into_one_line_is_not_the_article() -> None:
    comment = "I use the envelope system for saved cash, it is crazy how fast it adds up over a year."
    thread = " ".join(f"{comment}{n}ReplyFlagged user{n}ProfileFollowUnfollow user{n}" for n in range(6))
    layout = analyse("\n".join([PARAGRAPH, OTHER, THIRD, thread]))
    assert glued(layout.lines[3]) and not glued(layout.lines[0])
    assert (layout.start, layout.end) == (0, 3)
    run_on = " ".join([PARAGRAPH, OTHER, THIRD, PARAGRAPH]).replace("June. Officials", "June.Officials")
    assert not glued(analyse(run_on).lines[0])  # one paragraph run into the next is not a thread


def test_code_sample_introduced_by_the_text_is_kept() -> None:
    intro = "The handler reads the settings file and returns the parsed values, like this:"
    sample = ["function load(path) {", "  var data = fs.readFileSync(path);", "  return JSON.parse(data);", "}"]
    script = ["window.dataLayer = window.dataLayer || [];", "gtag('js', new Date());"]
    text = "\n".join([PARAGRAPH, intro, *sample, OTHER, *script, THIRD])
    body = clean_text(text, id="x").body
    assert "return JSON.parse(data);" in body
    assert "dataLayer" not in body


def test_note_without_sentences_is_kept_whole() -> None:
    layout = analyse("Lazy load with alt text in several image formats\nTest Case 1\nTest Case 2")
    assert (layout.start, layout.end) == (0, 3)
