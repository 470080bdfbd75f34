"""Common news page shapes, as a naive text dump prints them: the article is kept, the page's furniture dropped.

Every dump here is written for the test (no line of html-pages-dev), each the first line a page <title>, as a dump of
the page's HTML starts: a consent wall over the article, ...
"""

from __future__ import annotations

import pytest

from storyline.clean.text import clean_text

BUS_STRIKE = [
    "Bus drivers in the city have voted to strike for five days next month in a dispute over pay, their union said.",
    "Of the members who voted, 87 per cent backed strike action on a turnout of 71 per cent.",
    "The company said it was disappointed and that its offer of a 5 per cent rise was fair.",
    "The strikes are due to begin on 3 March.",
]

CONSENT_WALLS = {
    "en": [
        "We value your privacy",
        "We and our 842 partners store and/or access information on a device, such as cookies, and process personal"
        " data, such as unique identifiers and standard information sent by a device for personalised advertising and"
        " content, advertising and content measurement, and audience insights.",
        "With your permission we and our partners may use precise geolocation data and identification through device"
        " scanning. You may click to consent to our and our partners' processing as described above.",
        "Accept all",
        "Reject all",
        "Manage preferences",
    ],
    "de": [
        "Wir brauchen Ihre Zustimmung",
        "Wir und unsere 214 Partner speichern und/oder greifen auf Informationen auf einem Gerät zu, beispielsweise auf"
        " Cookies, und verarbeiten personenbezogene Daten wie eindeutige Kennungen für personalisierte Anzeigen.",
        "Alle akzeptieren",
        "Einstellungen",
    ],
    "fr": [
        "Nous et nos 310 partenaires stockons et/ou accédons à des informations sur un appareil, telles que les"
        " cookies, et traitons des données personnelles pour des annonces et du contenu personnalisés.",
        "Accepter et fermer",
        "Paramétrer",
    ],
}


@pytest.mark.parametrize("language", sorted(CONSENT_WALLS))
def test_consent_wall_over_the_article_is_dropped(language: str) -> None:
    headline = "Bus drivers vote to strike over pay"
    text = "\n".join(
        [f"{headline} - Metro Daily", *CONSENT_WALLS[language], "Metro Daily", "News", headline, *BUS_STRIKE]
    )
    article = clean_text(text, id="x")
    assert article.title == headline
    assert article.body.split("\n\n") == BUS_STRIKE
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons[max(CONSENT_WALLS[language], key=len)] == "cookie-notice"
