"""Common news page shapes, as a naive text dump prints them: the article is kept, the page's furniture dropped.

Every dump here is written for the test (no line of html-pages-dev), each the first line a page <title>, as a dump of
the page's HTML starts: a consent wall over the article, a comment thread under it (names over time stamps, no
header) and, kept, a live blog's signed entries and a timeline's dated ones.
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


NOSCRIPT_NOTICES = {  # what a page prints for readers without scripts; a dump of the page's whole text keeps it
    "en": "JavaScript is disabled in your browser. To use every feature of this site, please enable JavaScript.",
    "de": "Sie haben JavaScript deaktiviert. Bitte JavaScript aktivieren, um alle Funktionen dieser Seite zu nutzen.",
    "ja": "お使いのブラウザではJavaScriptが無効になっています。"
    "すべての機能を利用するには、JavaScriptを有効にしてください。",
}


@pytest.mark.parametrize("language", sorted(NOSCRIPT_NOTICES))
def test_notice_to_enable_scripts_over_the_article_is_dropped(language: str) -> None:
    headline = "Bus drivers vote to strike over pay"
    text = "\n".join([NOSCRIPT_NOTICES[language], headline, "Metro Daily, 12 February", *BUS_STRIKE])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == BUS_STRIKE
    assert {r.text: r.reason for r in article.removed}[NOSCRIPT_NOTICES[language]] == "noscript"


def test_sentence_of_the_story_about_disabled_scripts_is_kept() -> None:
    told = (
        "Security researchers said the flaw in the bank's app could not be used when JavaScript is disabled in the"
        " phone's browser, but few customers ever change that setting."
    )
    article = clean_text("\n".join(["Bank app flaw exposed accounts", *BUS_STRIKE[:2], told, *BUS_STRIKE[2:]]), id="x")
    assert told in article.body


FERRY_STRIKE = [
    "Hundreds of island residents were stranded on Wednesday as a strike by ferry crews entered its third day.",
    "The union says its members have not had a pay rise in four years and that staffing cuts made crossings unsafe.",
    "The operator said it had offered a 4 per cent rise and accused the union of holding the islands to ransom.",
]
COMMENTS = [
    ("seabird77", "2 hours ago", "This is what happens when you run a lifeline service for profit."),
    (
        "tom_harris",
        "3 hours ago",
        "My mother cannot get to her appointment on the mainland. Both sides should be ashamed.",
    ),
    ("islandgirl", "3 hours ago", "The helicopter is only for emergencies, what about everyone else?"),
    ("J. Mackay", "14 March 2025 at 09:12", "Four per cent after four years is an insult. Good luck to the crews."),
]


@pytest.mark.parametrize("extras", [(), ("Reply",), ("Reply", "12")])
def test_comment_thread_without_a_header_is_dropped(extras: tuple[str, ...]) -> None:
    headline = "Ferry strike leaves islanders stranded"
    thread = [line for name, stamp, said in COMMENTS for line in (name, stamp, said, *extras)]
    text = "\n".join([f"{headline} - Harbour Times", "News", headline, *FERRY_STRIKE, *thread, "About us"])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == FERRY_STRIKE


def test_live_blog_signed_by_its_reporters_and_a_timeline_keep_their_entries() -> None:
    intro = (
        "Storm Eowyn has brought gusts of more than 100mph to Scotland, and hundreds of thousands of homes are cut off."
    )
    entries = [
        ("Sam Reid", "11:05", "The education authority said all schools in the warning area would stay closed."),
        ("Priya Nair", "10:48", "Glasgow airport has suspended all departures until the afternoon."),
        (
            "Sam Reid",
            "10:30",
            "Police said fallen trees had blocked several main roads and urged drivers to stay at home.",
        ),
        ("Priya Nair", "10:12", "The network operator said some customers could be without power until Tuesday."),
    ]
    blog = [line for entry in entries for line in entry]
    article = clean_text("\n".join(["Storm Eowyn live - Daily Courier", intro, *blog, "About us"]), id="x")
    assert all(f"{stamp}\n\n{said}" in article.body for _, stamp, said in entries)
    timeline = [("Ceasefire", "3 March 2024"), ("Prisoner swap", "20 March 2024"), ("Aid corridor", "2 April 2024")]
    dated = [line for label, date in timeline for line in (label, date, f"{label} agreed by both sides on {date}.")]
    article = clean_text("\n".join(["Talks resume - Border Post", *FERRY_STRIKE, *dated]), id="x")
    assert article.body.split("\n\n") == [*FERRY_STRIKE, *dated]


RATES = [
    "The central bank kept interest rates on hold on Thursday, saying inflation was falling more slowly than expected.",
    "Two members of the nine-strong committee voted for a quarter-point cut, the minutes of the meeting showed.",
]
PAYWALLS = {
    "en": ["Subscribe to read the full article", "Try unlimited access", "Only $1 for 4 weeks"],
    "fr": ["La suite est réservée aux abonnés", "Déjà abonné ? Connectez-vous", "1 € le premier mois"],
}
OFFER = (
    "Then $75 per month. Complete digital access to quality journalism on any device. Cancel anytime during your trial."
)


@pytest.mark.parametrize("language", sorted(PAYWALLS))
def test_paywall_offer_under_a_teaser_is_dropped(language: str) -> None:
    headline = "Central bank holds rates as inflation stays sticky"
    text = "\n".join([f"{headline} | The Record", "Markets", headline, *RATES, *PAYWALLS[language], OFFER, "Terms"])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == RATES


def test_text_that_goes_on_under_a_paywall_prompt_is_kept() -> None:
    rest = [
        f"{sentence} the bank's governor told reporters after the meeting on Thursday."
        for sentence in (
            "Prices of services were still rising faster than wages,",
            "The committee would look closely at the next two months of data,",
            "Energy prices had fallen since the summer but food prices had not,",
        )
    ]
    text = "\n".join(["Rates on hold | The Record", *RATES, "Subscribe to continue reading", *rest, "Terms"])
    assert clean_text(text, id="x").body.split("\n\n") == [*RATES, *rest]


RIVERS = [
    "Water companies will face unlimited fines for illegal sewage spills under new rules agreed by ministers.",
    "The environment secretary said the rules would come into force in April and bosses could face prison.",
    "Campaigners welcomed the change but said the regulator needed more staff to enforce it.",
    "The industry body said companies were already investing billions of pounds in new pipes.",
]


def test_question_headline_in_a_read_more_box_is_a_link() -> None:
    box = [
        "Read more",
        "Sewage spills hit record high",
        "Fines for firms doubled",
        "Why are Britain's rivers so polluted?",
    ]
    text = "\n".join(["New rules on river pollution - Westland Herald", *RIVERS[:2], *box, *RIVERS[2:], "Most read"])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == RIVERS
    assert "Why are Britain's rivers so polluted?" in article.related


@pytest.mark.parametrize("box", [["Read more: Sewage spills hit record high"], ["Read more:", "Flood warnings issued"]])
def test_question_subheading_under_one_read_more_link_stays(box: list[str]) -> None:
    lines = [*RIVERS[:2], *box, "What happens next?", *RIVERS[2:]]
    article = clean_text("\n".join(["New rules on river pollution - Westland Herald", *lines]), id="x")
    assert article.body.split("\n\n") == [*RIVERS[:2], "What happens next?", *RIVERS[2:]]


WAREHOUSE_FIRE = [
    "Un violent incendie a ravagé dans la nuit un entrepôt logistique de Roubaix, privant de travail 200 salariés.",
    "Le feu s'est déclaré vers 2 heures du matin, selon les pompiers, qui ont mobilisé une centaine d'hommes.",
    "Les syndicats réclament des garanties sur le maintien des emplois.",
]
FEED = [
    "11:42",
    "Grève à la SNCF : le trafic sera fortement perturbé sur plusieurs lignes TER et Intercités ce week-end",
    "11:15",
    "Football",
    "Ligue 1 : Lille arrache le match nul face à Lyon dans les arrêts de jeu après une rencontre tendue",
    "10:58",
    "Budget 2026 : le gouvernement se dit prêt à un compromis avec les socialistes sur la réforme des retraites",
    "10:31",
    "Météo",
    "Des orages violents sont attendus sur le sud-ouest dès vendredi soir, et six départements sont en vigilance.",
    "il y a 2 heures",
    "Immobilier : les prix repartent à la hausse dans les grandes villes pour la première fois depuis deux ans",
]


def test_news_feed_of_stamped_headlines_under_the_article_is_dropped() -> None:
    headline = "Incendie dans un entrepôt de Roubaix"
    text = "\n".join([f"{headline} – La Gazette", headline, *WAREHOUSE_FIRE, *FEED, "Voir toute l'actualité"])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == WAREHOUSE_FIRE


def test_live_blog_entries_under_their_stamps_stay() -> None:
    entries = [
        (
            "11:05",
            "Schools to stay closed",
            "All schools in the warning area will stay closed on Monday, the council said.",
        ),
        ("10:48", "Airport suspends departures", "Glasgow airport has suspended all departures until the afternoon."),
        (
            "10:30",
            "Trees block main roads",
            "Police said fallen trees had blocked several roads and urged drivers home.",
        ),
    ]
    intro = [
        "Storm Eowyn has brought gusts of more than 100mph to Scotland, and thousands of homes are cut off.",
        "Forecasters say the worst of the wind will pass by the afternoon, but the warning stays in force until 3pm.",
    ]
    blog = [line for entry in entries for line in entry]
    article = clean_text("\n".join(["Storm Eowyn live - Daily Courier", *intro, *blog]), id="x")
    assert article.body.split("\n\n") == [*intro, *blog]


def test_writer_over_a_stamp_at_the_top_of_a_blog_page_is_its_byline() -> None:
    menu = ["Sign in", "Get started", "Follow", "Listen", "Share", "More", "Home", "Lists", "Stories", "Write"]
    text = "\n".join(
        [
            "Notes from a flood town | Field Journal",
            "Mira Patel",
            "6 min read",
            *menu,
            "Notes from a flood town",
            *RIVERS,
        ]
    )
    article = clean_text(text, id="x")
    assert article.byline == "Mira Patel"
    assert article.body.split("\n\n") == RIVERS


AID_STORY = [
    "Aid trucks crossed into the north of the enclave on Tuesday for the first time in three weeks, the UN said.",
    "The convoy of 40 trucks carried flour, medicine and fuel for the two hospitals still working in the area.",
    "Aid agencies again demanded unlimited access to the enclave.",
    "Families must register to access the food aid, officials said.",
    '"We and our partners will keep delivering food as long as the crossings stay open," the agency\'s director said.',
    "The army said the crossing would open again on Thursday if the security situation allowed it.",
    "More than 300,000 people are thought to remain in the north, according to UN estimates.",
]


def test_aid_story_saying_access_and_partners_keeps_every_paragraph() -> None:
    text = "\n".join(["Aid convoy reaches the north - World Desk", "World", *AID_STORY, "About us"])
    assert clean_text(text, id="x").body.split("\n\n") == AID_STORY


@pytest.mark.parametrize(
    "entries",
    [
        [
            ("Death toll rises", "2 hours ago"),
            ("Airport runway damaged", "3 hours ago"),
            ("Aid convoys arrive", "4 hours ago"),
        ],
        [("Sam Reid", "11:05"), ("Priya Nair", "10:48"), ("Tom Boyd", "10:30"), ("Sam Reid", "10:12")],
    ],
)
def test_live_blog_with_short_headings_or_three_reporters_keeps_its_entries(entries: list[tuple[str, str]]) -> None:
    said = [
        "Rescuers pulled two children from a collapsed school in the eastern districts.",
        "The airport said flights would resume once engineers had checked the runway.",
        "Convoys from the capital reached the worst-hit villages before dawn.",
        "An aftershock of magnitude 5.1 was felt as far away as the coast.",
    ]
    blog = [line for (head, stamp), text in zip(entries, said, strict=False) for line in (head, stamp, text)]
    article = clean_text("\n".join(["Earthquake live - Daily Courier", *AID_STORY[:2], *blog]), id="x")
    assert all(text in article.body for text in said[: len(entries)])


FLOOD_ENTRIES = [
    ("09:12", "Bridge closed to traffic", "The old bridge over the river was shut overnight as the water kept rising."),
    ("08:55", "Trains cancelled", "The rail operator cancelled all services on the valley line until further notice."),
    ("08:31", "Shelters open in two schools", "The council opened two school halls for families forced from home."),
]


@pytest.mark.parametrize("headline", [[], ["River floods live"], ["River floods live: hundreds leave their homes"]])
def test_live_blog_keeps_its_one_summary_paragraph_and_first_entry(headline: list[str]) -> None:
    summary = (
        "Hundreds of people have left their homes in the valley after two days of heavy rain, and more is forecast."
    )
    blog = [line for entry in FLOOD_ENTRIES for line in entry]
    article = clean_text("\n".join(["River floods live - Valley Herald", *headline, summary, *blog]), id="x")
    assert article.body.split("\n\n") == [summary, *blog]


RESULTS = [
    "Revenue rose in every region in the third quarter, the company said in its report on Thursday.",
    "The company raised its forecast for the full year and said it would hire 2,000 more people.",
    "Shares rose 3 per cent in early trading after the figures were published.",
]


def test_markdown_pipe_table_stays_in_the_text() -> None:
    table = [
        "| Region | Q3 revenue | Change |",
        "|:-------|-----------:|-------:|",
        "| Europe | 1,204 | +4.1% |",
        "| Americas | 2,310 | +6.8% |",
        "| Asia | 980 | +12.5% |",
    ]
    text = "\n\n".join(["# Quarterly results", RESULTS[0], "\n".join(table), *RESULTS[1:]])
    article = clean_text(text, id="x")
    rows = ["Region | Q3 revenue | Change", "Europe | 1,204 | +4.1%", "Americas | 2,310 | +6.8%", "Asia | 980 | +12.5%"]
    assert article.body.split("\n\n") == [RESULTS[0], *rows, *RESULTS[1:]]


def test_pipe_separated_menu_without_a_table_rule_is_no_table() -> None:
    menu = ["Home | News | Sport", "About us | Contact | Jobs"]
    text = "\n".join(["Quarterly results - Business Desk", *menu, "Quarterly results", *RESULTS, *menu])
    assert clean_text(text, id="x").body.split("\n\n") == RESULTS


HEATWAVE = [
    "Forecasters say temperatures could reach 38C on Friday, close to the national record, as a heatwave builds.",
    "The health agency has issued an amber alert, warning that hospitals and care homes should prepare for more"
    " patients.",
    "Water companies have asked customers to cut their use, saying demand has reached record levels in some areas.",
]


@pytest.mark.parametrize(
    ("header", "points"),
    [
        (
            "Key points",
            [
                "Temperatures could reach 38C in the south on Friday",
                "An amber health alert is in place until Sunday",
                "Water companies urge customers to use less",
            ],
        ),
        (
            "At a glance:",
            ["An amber health alert is in place until Sunday", "Hospitals told to prepare for more patients"],
        ),
    ],
)
def test_key_points_over_the_text_stay_with_it(header: str, points: list[str]) -> None:
    headline = "Heatwave: temperatures to hit 38C as health alert issued"
    page = [f"{headline} - Evening Gazette", "Menu", "Search", headline, header, *points, *HEATWAVE, "Advertisement"]
    article = clean_text("\n".join(page), id="x")
    assert article.body.split("\n\n") == [header, *points, *HEATWAVE]


def test_headlines_under_a_summary_header_far_from_the_text_stay_out() -> None:
    teasers = ["Council tax to rise by five per cent", "New bridge opens after two years of work"]
    page = ["Heatwave - Evening Gazette", "Summary", *teasers, "Most read", "Heatwave", *HEATWAVE]
    assert clean_text("\n".join(page), id="x").body.split("\n\n") == HEATWAVE


PIPELINE = [
    "Oil prices rose more than one per cent on Tuesday after an attack on a pipeline in the north cut exports.",
    "The pipeline carries about 400,000 barrels a day to the coast, and the operator said repairs could take weeks.",
    "Analysts said the market had been tight even before the attack, with stocks at their lowest in three years.",
]


@pytest.mark.parametrize(
    "ticker",
    [
        ["FTSE 100 7,512.3 +0.4%", "Dow Jones 38,120.5 -0.2%", "Brent crude $82.14 +1.1%", "GBP/USD 1.2634 -0.1%"],
        ["DAX 18.204,6 ▲ 0,3%", "CAC 40 7.611,2 ▼ 0,5%", "EUR/USD 1,0834 ▼ 0,1%"],
    ],
)
def test_market_ticker_over_a_page_without_a_title_line_is_no_headline(ticker: list[str]) -> None:
    headline = "Oil prices rise after pipeline attack"
    article = clean_text("\n".join([*ticker, "Markets", headline, *PIPELINE, "Share"]), id="x")
    assert article.title == headline
    assert article.body.split("\n\n") == PIPELINE


@pytest.mark.parametrize(
    "title",
    ["Top 10 films of 2017", "Election 2024: turnout hits 67.3%", "Arsenal 2-1 Chelsea", "Brexit: 51.9% to 48.1%"],
)
def test_title_line_with_a_figure_or_two_stays_the_headline(title: str) -> None:
    article = clean_text("\n".join([title, "Sport", *PIPELINE]), id="x")
    assert article.title == title


INTERVIEW = [
    "The health minister spoke to us about the winter pressures on hospitals and the plan to cut waiting lists.",
    "How bad will this winter be?",
    "We expect it to be hard. Flu cases are rising earlier than usual and the hospitals are already nearly full.",
    "Will you bring in the army?",
    "No. We have no plans for that, and the staff we have are doing an extraordinary job.",
    "What about waiting lists?",
    "They will come down by spring. We have funded 40,000 extra operations.",
]
REPORT = [
    "The report makes several recommendations for the government to act on before the next election:",
    "Cut the voting age to 16",
    "Allow voting online for people abroad",
    "Give the electoral commission more powers to fine parties",
    "Ministers said they would consider the report and respond in the autumn.",
    "The opposition welcomed the proposals and called for a vote on them before the summer recess.",
]


@pytest.mark.parametrize(
    ("headline", "text"), [("Minister on the winter ahead", INTERVIEW), ("Report urges voting changes", REPORT)]
)
def test_interview_question_or_list_under_a_short_first_paragraph_is_text(headline: str, text: list[str]) -> None:
    page = [f"{headline} - The Courier", "News", headline, "By Anna Berg", *text, "Share this article", "Most read"]
    assert clean_text("\n".join(page), id="x").body.split("\n\n") == text


def test_site_tagline_over_a_question_headline_stays_out() -> None:
    tagline = "Your daily guide to what matters in the city, from the people who live here."
    page = ["City Desk", "News", tagline, "Why are our rivers so polluted?", *INTERVIEW[2:5], "About us"]
    article = clean_text("\n".join(page), id="x")
    assert tagline not in article.body


LANDSLIDE = [
    "Rescue teams worked through the night to reach villages cut off by the landslide, the regional governor said.",
    "At least 23 people were killed and dozens more are missing after heavy rain loosened a hillside above them.",
    "Soldiers and volunteers dug through mud and rocks with shovels as heavy machinery could not reach the area.",
]


@pytest.mark.parametrize(
    "gallery",
    [
        ["1 of 12", "Rescuers search the debris on Monday. (Photo: Jane Doe/Reuters)", "2 of 12"],
        ["Photo 1/8", "Villagers wait for news of relatives | Foto: Pedro Alves", "Photo 2/8"],
    ],
)
def test_photo_gallery_counters_under_the_first_paragraph_are_dropped_and_the_paragraph_kept(
    gallery: list[str],
) -> None:
    headline = "Landslide kills 23 as rescuers search for survivors"
    page = [f"{headline} - The Daily", "World", headline, LANDSLIDE[0], *gallery, *LANDSLIDE[1:], "Share"]
    assert clean_text("\n".join(page), id="x").body.split("\n\n") == LANDSLIDE


@pytest.mark.parametrize("line", ["Top 3 of 10 films", "1/12/2024", "10 of the best"])
def test_a_line_with_figures_is_no_gallery_counter(line: str) -> None:
    from storyline.clean.lines import furniture_of

    assert furniture_of(line, len(line.split())) is None


RESIGNATION = [
    "The prime minister resigned on Tuesday night after losing a confidence vote in parliament by 12 votes.",
    "Opposition leaders said the country needed an early election and a new government before the budget.",
    "The president is expected to ask the speaker to begin talks on forming a new coalition this week.",
]
POINTS = ["Prime minister resigns after confidence vote", "Opposition calls for early election"]


def test_a_summary_header_and_its_points_are_no_headline() -> None:
    article = clean_text("\n".join(["Summary", *POINTS, *RESIGNATION]), id="x")
    assert article.title not in ("Summary", *POINTS)
    assert article.body.split("\n\n") == ["Summary", *POINTS, *RESIGNATION]


def test_key_points_under_a_byline_and_date_are_no_headline() -> None:
    headline = "Flooding forces thousands from homes in the north"
    points = [
        "Heavy rain has caused rivers to burst their banks",
        "At least 3,000 people have been evacuated",
        "Schools will stay closed on Monday",
    ]
    page = ["Home | World | Business | Sport", headline, "By Maria Rossi", "27 November 2026", "Key points", *points]
    article = clean_text("\n".join([*page, *LANDSLIDE, "Related stories"]), id="x")
    assert article.title == headline
    assert article.body.split("\n\n") == ["Key points", *points, *LANDSLIDE]


def test_live_blog_under_menu_lines_keeps_its_headline_and_first_entry() -> None:
    headline = "Ceasefire talks - live updates"
    blog = [
        "14:05",
        "Strikes reported in the centre of the enclave",
        "Witnesses said at least four people were killed in an air strike on a house in a refugee camp overnight.",
        "13:40",
        "Egypt says talks 'positive'",
        "Egyptian officials said the first day of talks had gone well and that both delegations would stay in Cairo.",
        "13:12",
        "Aid trucks queue at the crossing",
        "More than 200 aid trucks are waiting at the crossing, the Egyptian Red Crescent said on Tuesday morning.",
    ]
    article = clean_text("\n".join(["Menu", "Live", headline, *blog]), id="x")
    assert article.title == headline
    body = article.body.split("\n\n")
    assert all(line in body for line in blog if not line[:1].isdigit())  # every entry's heading and text


@pytest.mark.parametrize(
    "points",
    [
        [
            "Strong winds brought down power lines across the coastal towns during the night",
            "Some 40,000 homes are without power",
            "Trains between the two cities are cancelled",
        ],
        [
            "Strong winds brought down power lines across the coastal towns during the night.",
            "Some 40,000 homes are without power.",
            "Trains between the two cities are cancelled.",
        ],
    ],
)
def test_key_points_that_read_like_sentences_stay_with_their_header(points: list[str]) -> None:
    headline = "Storm leaves thousands without power"
    page = [f"{headline} - Coast News", "Menu", headline, "Key points", *points, *HEATWAVE, "Advertisement"]
    article = clean_text("\n".join(page), id="x")
    assert article.body.split("\n\n") == ["Key points", *points, *HEATWAVE]


FLOODS = [
    "Floods in central Mozambique have forced more than 40,000 people from their homes, the national disaster agency"
    " said on Tuesday, as rivers kept rising after a week of heavy rain.",
    "The agency said three bridges on the main north-south highway had been washed away and that rescue teams were"
    " using boats to reach villages cut off by the water.",
    "The government has asked donors for emergency shelter and clean water, fearing outbreaks of cholera in the camps.",
]
WIRE_CREDITS = [
    ["Reporting by Manuel Tembe in Maputo; Additional reporting by Ana Silva; Editing by Paul Grant and Ian Moore"],
    ["(Reporting by Manuel Tembe; Writing by Ana Silva; Editing by Paul Grant)"],
    ["Reporting by Manuel Tembe and Ana Silva in Beira, editing by Paul Grant"],
    ["(Reporting by Manuel Tembe)", "Our Standards: The Thomson Reuters Trust Principles."],
]


@pytest.mark.parametrize("credits", WIRE_CREDITS)
def test_wire_story_credits_and_standards_line_under_the_text_are_dropped(credits: list[str]) -> None:
    headline = "Floods force 40,000 from homes in Mozambique"
    text = "\n".join([f"{headline} | World News", "World", headline, *FLOODS, *credits, "Read Next", "About us"])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == FLOODS
    assert {r.reason for r in article.removed if r.text in credits} == {"credit"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Reporting by the newspaper showed that the ministry had hidden the losses from parliament for two years.",
        "Our standards of living have fallen every year since the war began, the union leader told the crowd.",
        "Research by the central bank, compiled by a team of 20 economists, found that rents rose 30 per cent.",
        "Reporting by local radio, research by two charities and testimony from families point to one militia.",
        "(Writing by the children of the camp)",
    ],
)
def test_prose_opening_like_a_credit_line_stays(sentence: str) -> None:
    headline = "Floods force 40,000 from homes in Mozambique"
    body = [FLOODS[0], sentence, *FLOODS[1:]]
    article = clean_text("\n".join([f"{headline} | World News", headline, *body, "About us"]), id="x")
    assert article.body.split("\n\n") == body


BLOG_TWO = [
    (
        "16:40",
        "Ferry services suspended",
        "All ferry crossings to the islands were cancelled for the rest of the day as the wind strengthened.",
    ),
    (
        "15:55",
        "Power cut to 20,000 homes",
        "The network operator said engineers would start repairs once it was safe to climb the pylons again.",
    ),
]


def _entry(order: str, stamp: str, head: str, said: str) -> tuple[str, ...]:
    """A live blog's entry as a dump prints it: its stamp over its heading, under it, or no heading."""
    return {"stamp-heading": (stamp, head, said), "heading-stamp": (head, stamp, said), "stamp": (stamp, said)}[order]


@pytest.mark.parametrize("order", ["stamp-heading", "heading-stamp", "stamp"])
def test_live_blog_of_two_entries_keeps_its_first_entry(order: str) -> None:
    blog = [line for entry in BLOG_TWO for line in _entry(order, *entry)]
    article = clean_text("\n".join(["Storm live - Island News", "News", "Weather", *blog, "About us"]), id="x")
    text_on = blog[blog.index(BLOG_TWO[0][2]) :]  # the first entry's text and all below it
    assert article.body.split("\n\n")[-len(text_on) :] == text_on


def test_date_and_time_over_the_text_are_no_entries() -> None:
    standfirst = "Crossings to the islands were cancelled as the wind strengthened."
    text = "\n".join(
        ["Storm shuts ferries - Island News", "Storm shuts ferries", standfirst, "12:05", "14:30", *FERRY_STRIKE]
    )
    assert clean_text(text, id="x").body.split("\n\n") == FERRY_STRIKE


def test_published_and_updated_times_are_no_entries() -> None:
    standfirst = "Crossings to the islands were cancelled as the wind strengthened."
    text = "\n".join(
        [
            "Storm shuts ferries - Island News",
            "World",
            "Storm shuts ferries",
            "Published 10:32 GMT",
            standfirst,
            "Updated 11:05 GMT",
            *FERRY_STRIKE,
            "About us",
        ]
    )
    assert clean_text(text, id="x").body.split("\n\n") == FERRY_STRIKE
