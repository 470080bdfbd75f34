"""The PLOVER agents dictionary read whole: an entry's phrase of several words and its plural form are the nouns it
names, not the phrase's first word alone."""

from __future__ import annotations

import pytest

from storyline.extract import lexicon


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("chief executive", "GOV"),  # "CHIEF EXECUTIVE [~GOV]": the two words, not "chief"
        ("state run television", "GOV"),
        ("lawmen", "COP"),  # "LAWMAN {LAWMEN}": the plural form beside the entry
        ("cattle thieves", "UAF"),
        ("minister for defence", "GOV"),
        ("semi-official", "GOV"),  # an entry with no space before its code
    ],
)
def test_agents_phrase_and_plural_are_read_whole(noun: str, sector: str) -> None:
    assert lexicon.sectors()[noun] == sector


@pytest.mark.parametrize("first_word", ["state run", "government run", "supreme people"])
def test_first_word_of_an_agents_phrase_is_no_agent(first_word: str) -> None:
    assert first_word not in lexicon.sectors()
