"""The gazetteer, places in a sentence and the event's place.

Sentences are written for these tests in the shapes of ACLED notes and wire copy; the dev-data test reads
ahalterman/event_location (MIT) from ../shared/data at run time.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

import pytest

from places_helpers import event_place
from storyline.eval.places import _extractor_figures, gold_span, score_event_locations
from storyline.extract.places import PlaceContext, event_location, find_places, gazetteer
from storyline.extract.places_gazetteer import CURATED_FILES
from storyline.extract.places_names import bare_key, loose_key
from storyline.models import Location
from storyline.nlp import load_nlp

PLACES = Path(__file__).resolve().parents[1] / "src" / "storyline" / "resources" / "places"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("written", "name", "country", "precision"),
    [
        ("Khan Yunis", "Khan Yunis", "PSE", "place"),
        ("Khān Yūnis", "Khan Yunis", "PSE", "place"),
        ("Khan Younis", "Khan Yunis", "PSE", "place"),
        ("Jabalia", "Jabalia", "PSE", "place"),
        ("Jabalya", "Jabalia", "PSE", "place"),
        ("Jabalia refugee camp", "Jabalia camp", "PSE", "place"),
        ("Shuja'iyya", "Shujaiyya", "PSE", "place"),
        ("Shejaiya", "Shujaiyya", "PSE", "place"),
        ("Gaza - Shujaiyya", "Shujaiyya", "PSE", "place"),
        ("Deir el-Balah", "Deir al Balah", "PSE", "place"),
        ("the Gaza Strip", "Gaza Strip", "PSE", "admin1"),
        ("West Bank", "West Bank", "PSE", "admin1"),
        ("Palestine", "Palestinian Territory", "PSE", "country"),
        ("Al-Shifa hospital", "Al-Shifa hospital", "PSE", "place"),
        ("Kharkov", "Kharkiv", "UKR", "place"),
        ("Kiev", "Kyiv", "UKR", "place"),
        ("Donetsk Oblast", "Donetsk", "UKR", "admin1"),
        ("North Darfur", "Northern Darfur", "SDN", "admin1"),
        ("El-Fasher", "El Fasher", "SDN", "place"),
        ("El Geneina", "Al-Junaynah", "SDN", "place"),
        ("Gao", "Gao", "MLI", "place"),
        ("Tillabéri", "Tillaberi", "NER", "place"),
        ("Tillaberi region", "Tillaberi", "NER", "admin1"),
        ("Borno state", "Borno", "NGA", "admin1"),
        ("U.S.", "United States", "USA", "country"),
        ("Odessa", "Odesa", "UKR", "place"),
        ("Zeitoun", "Zeitoun", "PSE", "place"),
        ("Kupiansk", "Kupyansk", "UKR", "place"),
        ("South Lebanon", "Liban-Sud", "LBN", "admin1"),  # the English name, not a village in Ohio
        ("Sinai", "Muhafazat Shamal Sina'", "EGY", "admin1"),  # not a village in Ecuador
    ],
)
def test_lookup_of_tricky_names(written: str, name: str, country: str, precision: str) -> None:
    found = gazetteer().lookup(written)
    assert (found.name, found.country, found.precision) == (name, country, precision)
    assert found.text == written and found.lat is not None and found.lon is not None


def test_unknown_name_is_unresolved_without_coordinates() -> None:
    assert gazetteer().lookup("Xyzzyplatz Nowhere") == Location(text="Xyzzyplatz Nowhere")


@pytest.mark.parametrize("written", ["", "   ", "-", "the", "city of", "al-", "northern", "北京", "x" * 5000])
def test_strings_without_a_place_name_stay_unresolved(written: str) -> None:
    assert gazetteer().lookup(written) == Location(text=written)


@pytest.mark.parametrize("text", ["", " ", "...", "In in in.", "\n\n", "The The", "Gaza" * 60])
def test_odd_sentences_do_not_crash(nlp: Any, text: str) -> None:
    doc = nlp(text)
    places = find_places(doc[:])
    found = event_location(doc[:], doc[0] if len(doc) else None)
    assert all(p.start is not None and p.end is not None and p.end <= len(text) for p in places)
    assert found is None or found in places


def test_country_hint_picks_among_namesakes() -> None:
    gaz = gazetteer()
    assert gaz.lookup("Tripoli").country == "LBY"
    assert gaz.lookup("Tripoli", "LBN").country == "LBN"
    assert gaz.lookup("Hebron", "United States").country == "USA"


def test_transliteration_skeleton_merges_spellings() -> None:
    assert loose_key("Jabalia") == loose_key("Jabalya") == loose_key("Jabaliya")
    assert loose_key("Nuseirat") == loose_key("An Nusayrat")
    assert loose_key("Jabalia") != loose_key("Nablus")


def test_arabic_name_words_spelt_another_way_find_the_place() -> None:
    assert bare_key("Deir el-Balah") == bare_key("Dayr al Balah") == "deir al balah"
    found = gazetteer().resolve("Deir al-Balah", loose=False)
    assert found is not None and found[0].cc == "PS"


def test_curated_places_lie_beside_their_geonames_town() -> None:
    gaz = gazetteer()
    for line in (PLACES / "curated.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, lat, lon, cc, _, within, _ = line.split("\t")
        town = gaz.lookup(within, "PS" if cc == "IL" else cc)
        assert town.lat is not None and town.lon is not None, within
        km = math.hypot(float(lat) - town.lat, (float(lon) - town.lon) * math.cos(math.radians(town.lat))) * 111
        assert km < 10, (name, within, round(km, 1))


def test_gazetteer_file_is_built_from_the_current_curated_files() -> None:
    digest = hashlib.sha256(b"".join((PLACES / n).read_bytes() for n in CURATED_FILES)).hexdigest()[:16]
    assert gazetteer().digest == digest, "curated files changed: run python scripts/build_gazetteer.py"


def test_common_words_are_not_places(nlp: Any) -> None:
    assert find_places(nlp("The police said the beach was closed and there was hope of reopening it.")[:]) == []


def test_find_places_includes_mislabelled_names_with_offsets(nlp: Any) -> None:
    text = "Israeli strikes on Khan Yunis killed 12 people, the Gaza health ministry said."
    places = find_places(nlp(text)[:])
    khan = next(p for p in places if p.name == "Khan Yunis")
    assert text[khan.start or 0 : khan.end or 0] == "Khan Yunis" and khan.country == "PSE"


def test_well_known_mislabelled_names_count_anywhere(nlp: Any) -> None:
    places = find_places(nlp("Khan Yunis residents said the bombing lasted all night.")[:])
    assert [(p.name, p.start, p.end) for p in places] == [("Khan Yunis", 0, 10)]


def test_places_spacy_tags_as_nationalities(nlp: Any) -> None:
    text = "At least 200 civilians have been killed in Aleppo by Syrian and Russian airstrikes."
    assert [p.name for p in find_places(nlp(text)[:])] == ["Aleppo"]


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        (
            "On 9 October 2023, Israeli warplanes struck a house in Jabalia camp, killing 4 people.",
            "struck",
            "Jabalia camp",
        ),
        (
            "The Gaza health ministry said 30 people were killed in an air strike on a school in Nuseirat.",
            "killed",
            "Nuseirat",
        ),
        ("RSF fighters attacked El Fasher, the capital of North Darfur, on Friday.", "attacked", "El Fasher"),
        ("Russian forces shelled the Donetsk Oblast town of Avdiivka overnight.", "shelled", "Avdiivka"),
        ("Gunmen killed 20 villagers near Djibo in northern Burkina Faso.", "killed", "Djibo"),
        ("Rockets fired from Lebanon hit Kiryat Shmona on Sunday.", "hit", "Kiryat Shmona"),
        ("In the West Bank city of Nablus, a Palestinian man was shot in a refugee camp.", "shot", "Nablus"),
        (
            "On 1 November 2023, Russian forces shelled Nikopol (Dnipropetrovsk), wounding 2 civilians.",
            "shelled",
            "Nikopol",
        ),
        ("Gang members killed 6 people in a market of Port-au-Prince on Friday.", "killed", "Port-au-Prince"),
    ],
)
def test_event_location_is_where_it_happened(nlp: Any, text: str, verb: str, place: str) -> None:
    found = event_place(nlp, text, verb)
    assert found is not None and found.text == place


def test_event_location_falls_back_to_the_article(nlp: Any) -> None:
    doc = nlp("He said the talks would continue.")
    assert event_location(doc[:], doc[1]) is None
    context = [Location(text="Rafah", name="Rafah", country="PSE", precision="place")]
    assert event_location(doc[:], doc[1], context=context) == context[0]


def test_place_context_counts_as_places_come(nlp: Any) -> None:
    rafah = Location(text="Rafah", name="Rafah", country="PSE", precision="place")
    gaza = Location(text="Gaza", name="Gaza", country="PSE", precision="place")
    context = PlaceContext([gaza, rafah, Location(text="Bayyanoun")])
    assert context.most_mentioned() is gaza  # as often as Rafah, and named first
    context.add(Location(text="Rafah city", name="Rafah", country="PSE", precision="place"))
    assert context.most_mentioned() is rafah and context.countries == {"PS"}
    doc = nlp("He said the talks would continue.")
    assert event_location(doc[:], doc[1], context=context) is rafah
    assert PlaceContext().most_mentioned() is None


def test_place_context_settles_an_ambiguous_name_like_the_list(nlp: Any) -> None:
    doc = nlp("Police said a man was shot in Hebron on Tuesday.")
    context = PlaceContext([Location(text="Connecticut", name="Connecticut", country="USA", precision="admin1")])
    assert (event_location(doc[:], doc[6], context=context) or Location(text="")).country == "USA"


def test_the_narrowest_named_place_wins(nlp: Any) -> None:
    found = event_place(nlp, "A car bomb exploded in Iraq on Monday near a market in Baghdad.", "exploded")
    assert found is not None and found.text == "Baghdad"


def test_wider_than_country_regions_stay_unresolved(nlp: Any) -> None:
    places = find_places(nlp("Peacekeepers patrol Liberia and other parts of west Africa.")[:])
    assert [(p.text, p.precision) for p in places] == [("Liberia", "country"), ("west Africa", "unresolved")]


def test_article_places_settle_an_ambiguous_name(nlp: Any) -> None:
    doc = nlp("Police said a man was shot in Hebron on Tuesday.")
    trigger = doc[6]
    assert (event_location(doc[:], trigger) or Location(text="")).country == "PSE"
    context = [Location(text="Connecticut", name="Connecticut", country="USA", precision="admin1")]
    assert (event_location(doc[:], trigger, context=context) or Location(text="")).country == "USA"


def test_sentence_places_settle_each_other(nlp: Any) -> None:
    places = find_places(nlp("Fighting was reported in Tripoli and Beirut on Monday.")[:])
    assert [p.country for p in places] == ["LBN", "LBN"]


def test_dev_event_locations_score(shared_data: Path) -> None:
    scores = score_event_locations(shared_data, limit=150)
    assert scores["sentences"] > 100
    assert scores["accuracy"] >= 0.8, scores  # measured 0.833 (2026-11-26)


@pytest.mark.parametrize("argv", [["foo"], ["10", "-1"], ["halves", "many"]])
def test_eval_places_cli_rejects_a_count_that_is_no_number(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    import storyline.eval.places as eval_places

    monkeypatch.setattr(eval_places, "shared_data_dir", lambda: Path("."))
    with pytest.raises(SystemExit, match="not a whole number.*\nusage: python -m storyline.eval.places"):
        eval_places.main(argv)


def test_place_words_are_one_word_and_one_role_the_header_describes_a_line() -> None:
    lines = (PLACES / "place_words.tsv").read_text(encoding="utf-8").splitlines()
    header = "\n".join(line for line in lines if line.startswith("#"))
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert all(len(row) == 2 and row[0] == row[0].strip().lower() and row[0] for row in rows), [
        row for row in rows if len(row) != 2
    ]
    assert all(f"#   {role}:" in header for _, role in rows), {r for _, r in rows if f"#   {r}:" not in header}
    words = [word for word, _ in rows]
    assert len(words) == len(set(words)), sorted(w for w in set(words) if words.count(w) > 1)


def test_gold_span_refinds_a_shifted_span_from_its_text() -> None:
    text = "Shelling hit  Donetsk on Thursday."
    assert gold_span(text, {"start": 13, "end": 20, "text": "Donetsk"}) == (14, 21)
    assert gold_span(text, {"start": 14, "end": 21}) == (14, 21)
    assert gold_span(text, {"start": 0, "end": 3, "text": "Kyiv"}) is None


def test_extractor_figures_score_no_place_only_when_the_sample_has_such_sentences() -> None:
    counts = {"gold": 3, "event": 3, "same": 2, "same_gold": 2, "correct": 2, "correct_same": 1, "located": 4}
    placed = _extractor_figures(3, {**counts, "located": 3, "none_both": 0})
    assert placed["accuracy"] == round(2 / 3, 4) and "none_precision" not in placed
    mixed = _extractor_figures(5, {**counts, "none_both": 1})  # 2 without a place: 1 left empty, 1 given one
    assert (mixed["none_precision"], mixed["none_recall"], mixed["overall"]) == (1.0, 0.5, 0.6)


def test_a_spelling_skeleton_alone_resolves_no_place_abroad(nlp: Any) -> None:
    found = gazetteer().resolve("Nusseirat")  # a curated spelling of the Gaza camp, not Nazaret (Ethiopia)
    assert found is not None and found[0].cc == "PS"
    places = find_places(nlp("A car bomb exploded in Mandovi on Monday.")[:])
    assert [(p.text, p.precision) for p in places] == [("Mandovi", "unresolved")]  # not Mondovi, Italy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels stormed the hilltop village of Tal Al-‘Eiss on Monday.", "Tal Al-‘Eiss"),  # only "Tal" tagged
        ("The army shelled the village of Sharifah on Monday.", "Sharifah"),  # tagged NORP
        ("The army took the mountaintop of Jabal Al-Sha’er.", "Jabal Al-Sha’er"),  # tagged PERSON
    ],
)
def test_a_typed_or_articled_name_is_found_whole(nlp: Any, text: str, expected: str) -> None:
    assert expected in [p.text for p in find_places(nlp(text)[:])]


def test_a_metropolis_is_not_traded_for_a_namesake_in_the_articles_country(nlp: Any) -> None:
    places = find_places(nlp("Tension grew between Moscow and Washington on Monday.")[:])
    assert [(p.text, p.country) for p in places] == [("Moscow", "RUS"), ("Washington", "USA")]


def test_a_citys_own_name_beats_a_bigger_places_old_name() -> None:
    assert gazetteer().lookup("Islamabad").country == "PAK"  # not Chattogram, once also called Islamabad


def test_the_capital_of_a_nationality_is_its_capital_city(nlp: Any) -> None:
    found = event_place(nlp, "A suicide bomber struck a market in the Iraqi capital.", "struck")
    assert found is not None and (found.name, found.country, found.precision) == ("Baghdad", "IRQ", "place")


def test_a_demonym_made_from_a_place_name_is_no_place(nlp: Any) -> None:
    places = find_places(nlp("Two Gazan doctors were wounded on Friday.")[:])
    assert [p.text for p in places] == []  # GeoNames keeps "Gazan" as an old spelling of Jizan


def test_a_country_that_only_qualifies_a_noun_does_not_settle_a_namesake(nlp: Any) -> None:
    found = event_place(nlp, "Shells hit a school in Rafah beside the Egypt border fence.", "hit")
    assert found is not None and found.country == "PSE"  # Rafah in Gaza, the bigger one; not Rafah in Sinai


def test_a_small_town_abroad_stands_when_it_lies_beside_another_place_of_the_sentence(nlp: Any) -> None:
    places = find_places(nlp("A rocket launched from Gaza landed in Sderot.")[:])
    assert ("Sderot", "ISR") in [(p.text, p.country) for p in places]


def test_two_spelling_guesses_abroad_do_not_vouch_for_each_other(nlp: Any) -> None:
    text = "The army blew up a tunnel under the stronghold of Zamalka in the East Ghouta."
    assert all(p.country is None for p in find_places(nlp(text)[:]))  # not Guatemala nor India


def test_a_named_capital_wins_over_the_nationality_words_before_it(nlp: Any) -> None:
    found = event_place(nlp, "Crowds marched in the Malian capital Bamako on Friday.", "marched")
    assert found is not None and found.text == "Bamako"


def test_a_town_filed_in_one_country_is_kept_beside_a_place_abroad(nlp: Any) -> None:
    """A town whose name the gazetteer files in one country only is no namesake guess when the sentence's other
    place, written apart from it, lies in another country; an address ("X, Cauca") still decides together."""
    text = "Thousands marched through Ramallah on Friday to mourn a commander who was killed in Beirut days earlier."
    place = event_place(nlp, text, "marched")
    assert place is not None and place.text == "Ramallah" and place.country == "PSE"
    place = event_place(nlp, "Gunmen kidnapped a teacher in El Plateado, Cauca, on Monday.", "kidnapped")
    assert place is not None and place.country == "COL"
