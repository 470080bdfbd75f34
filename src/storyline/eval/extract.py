"""Score extraction (`storyline eval extract`) on the dev gold in ``../shared/data``.

- PLOVER GSR (openeventdata/PLOVER, CC BY-SA 4.0): event type of the first event (accuracy, macro-F1; old
  type names mapped to the 16-type ontology), and actor1/actor2 country and sector P/R/F1 against the gold
  source/target actors, with their F1 by half (``by_half``: even items are the tuning half, odd ones held out
  less the few whose text also stands in the even half, ``gsr_halves``).
- casualty-mentions (hollyjackson/casualty_mentions_nyt, MIT): victim side (israel/palestine/both) from
  the victims of the extracted violent events, macro-F1; ``plain_side_macro_f1`` reads the Event JSON with none of
  the scorer's own inference (``plain_side``: no preference for events that tell harm, no side for foreign victims),
  as a scorer outside the project that knows only the contract might.
- event-location (ahalterman/event_location, MIT): ``storyline.eval.places`` scores the first event's place
  through the whole extraction (``event_location_extract``, with how often its trigger is the gold event verb)
  and the places module on the gold verb (``event_location_places``).
- the seed article: the acceptance checks of DESIGN.md as booleans.
Every subsample is deterministic (every k-th item), so figures are comparable run to run.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

from storyline.eval import places
from storyline.eval.data import every_kth
from storyline.eval.metrics import macro_f1, prf
from storyline.extract import extract_many
from storyline.extract.victims import reports_harm
from storyline.models import Event

# PLOVER GSR uses type names from before the 16-type ontology.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO country codes in the GSR that differ from ISO3 (ITL and VTN: the GSR's own spellings of Italy and Vietnam,
# whose actors it writes "Italy", "Vietnamese-led forces").
_CAMEO_ISO = {
    "JAP": "JPN",
    "GER": "DEU",
    "UK": "GBR",
    "ROM": "ROU",
    "SER": "SRB",
    "BOS": "BIH",
    "LEB": "LBN",
    "ITL": "ITA",
    "VTN": "VNM",
}
# CAMEO codes of actors that are no country: international and non-governmental organisations, international
# militarised groups (al-Qaeda).
_NOT_COUNTRIES = frozenset({"IGO", "NGO", "IMG"})
# CAMEO sector codes in the GSR → storyline's (the agents dictionary is read the same way), and storyline's
# sectors CAMEO has no code for → the CAMEO code that holds them (protesters and rioters are civilians there; an
# intergovernmental body's own organs and officials, a Security Council or a Secretary-General, are coded GOV
# beside their IGO code).
_CAMEO_SECTOR = {"JRN": "MED", "CIV": "CVL", "CRM": "UAF"}
_AS_CAMEO_SECTOR = {"PRO": "CVL", "RIO": "CVL", "IGO": "GOV"}
SIDE_BY_COUNTRY = {"ISR": "israel", "PSE": "palestine"}
_SIDES = ("israel", "palestine", "both")
SEED = Path(__file__).resolve().parents[3] / "samples" / "gaza-2023" / "reuters-2023-10-09-qatar-talks.txt"


def _gsr_actors(value: Any) -> list[dict[str, str]]:
    """A GSR source/target field as a list of actor dicts."""
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _actor_scores(pairs: list[tuple[set[str], str | None]]) -> dict[str, float]:
    """Micro P/R/F1 of predicted codes against gold code sets (items with neither are skipped)."""
    tp = sum(1 for gold, got in pairs if got is not None and got in gold)
    predicted = sum(1 for _, got in pairs if got is not None)
    expected = sum(1 for gold, _ in pairs if gold)
    return prf(tp, predicted, expected).as_dict()


def score_plover_gsr(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Event type and actor country/sector scores on the PLOVER GSR sentences."""
    records = json.loads((data_dir / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    records = every_kth([r for r in records if r.get("event") != "DOCUMENT" and r.get("text")], limit)
    results = list(extract_many([(r["text"], None) for r in records]))
    gold_types = [OLD_TYPES.get(r["event"], r["event"]) for r in records]
    got_types = [events[0].type if events else "NONE" for events in results]
    out: dict[str, Any] = {
        "sentences": len(records),
        "type_accuracy": round(sum(g == p for g, p in zip(gold_types, got_types, strict=True)) / len(records), 4),
        "type_macro_f1": round(macro_f1(gold_types, got_types), 4),
        "detected": round(sum(bool(e) for e in results) / len(records), 4),
    }
    out["by_half"] = {"even": {}, "odd": {}}  # even items are the tuning half, odd ones held out (gsr_halves)
    halves = gsr_halves([r["text"] for r in records])
    for role, field in (("source", "actor1"), ("target", "actor2")):
        countries, sectors = [], []
        for record, events in zip(records, results, strict=True):
            gold = _gsr_actors(record.get(role))
            actor = getattr(events[0], field) if events else None
            codes = {_CAMEO_ISO.get(a.get("code", ""), a.get("code", "")) for a in gold}
            countries.append(
                ({c for c in codes if len(c) == 3 and c not in _NOT_COUNTRIES}, actor.country if actor else None)
            )
            gold_sectors = {_CAMEO_SECTOR.get(a["sector"][:3], a["sector"][:3]) for a in gold if a.get("sector")}
            gold_sectors.discard("***")
            got = actor.sector if actor and gold_sectors else None
            sectors.append((gold_sectors, _AS_CAMEO_SECTOR.get(got or "", got)))
        out[f"{role}_country"] = _actor_scores(countries)
        out[f"{role}_sector"] = _actor_scores(sectors)
        for half, items in halves.items():
            out["by_half"][half][f"{role}_country"] = _actor_scores([countries[i] for i in items])["f1"]
            out["by_half"][half][f"{role}_sector"] = _actor_scores([sectors[i] for i in items])["f1"]
    return out


def gsr_halves(texts: list[str]) -> dict[str, list[int]]:
    """The GSR items of each half, by position: even items tune; odd ones are held out, less any whose text also
    stands in the even half (the GSR codes a few sentences twice, under two event types: a rule read off the even
    copy would otherwise score a held-out gain on its twin)."""
    even = list(range(0, len(texts), 2))
    tuned = {texts[i] for i in even}
    return {"even": even, "odd": [i for i in range(1, len(texts), 2) if texts[i] not in tuned]}


def victim_side(events: list[Event]) -> str:
    """israel / palestine / both / none: whose people the violent events of a sentence killed or hurt (the events
    that tell people hurt, when there are such: an attack's mere target is no victim beside them).

    Foreign nationals count only when no victims of either side are named, with the side they were hit with
    (the gold counts Americans killed in the Hamas attack in Israel's toll): the place's, else not the attacker's.
    """
    violent = _violent(events)
    harmed = [e for e in violent if e.type == "ASSAULT" and reports_harm(e) and e.actor2 and e.actor2.country]
    violent = harmed or violent  # an attack's target ("strikes on Gazan cities") when no one is told hurt
    sides = _victims_sides(violent)
    if not sides:
        sides = {side for e in violent if e.actor2 is not None and (side := _foreign_side(e)) is not None}
    return _side_label(sides)


def plain_side(events: list[Event]) -> str:
    """The victim side as a reader of the Event JSON with no inference of its own would take it: the actor2
    countries of every violent event (an ASSAULT or an event with counts), foreign victims giving none."""
    return _side_label(_victims_sides(_violent(events)))


def _violent(events: list[Event]) -> list[Event]:
    """The violent events of a sentence: ASSAULTs and events with counts."""
    return [e for e in events if e.type == "ASSAULT" or e.counts]


def _victims_sides(events: list[Event]) -> set[str]:
    """The sides (israel, palestine) of the events' actor2 countries."""
    return {SIDE_BY_COUNTRY[c] for e in events if (c := e.actor2.country if e.actor2 else None) in SIDE_BY_COUNTRY}


def _side_label(sides: set[str]) -> str:
    """none / the one side / both."""
    return "none" if not sides else ("both" if len(sides) > 1 else next(iter(sides)))


def _foreign_side(event: Event) -> str | None:
    """The side foreign victims of an event were with: the place's, else the one the attacker is not on; so too
    for people of an organisation, who have no country ("11 U.N. workers were killed in Israeli airstrikes")."""
    if event.actor2 is None or not (event.actor2.country or event.actor2.sector == "IGO"):
        return None
    place = SIDE_BY_COUNTRY.get(event.location.country or "") if event.location is not None else None
    attacker = SIDE_BY_COUNTRY.get(event.actor1.country or "") if event.actor1 is not None else None
    if place is not None or attacker is None:
        return place
    return next(side for side in SIDE_BY_COUNTRY.values() if side != attacker)


def score_casualty_mentions(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Victim-side macro-F1 on the casualty-mentions sentences, overall and per file (``by_file``: the
    oct7_to_oct18 file is the tuning half, oct18_to_oct22 the held-out half)."""
    rows = []
    for path in sorted((data_dir / "casualty-mentions-dev").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            rows += [
                {**r, "file": path.stem.removeprefix("tagged_data_nyt_")}
                for r in csv.DictReader(handle)
                if r.get("category") in ("israel", "palestine", "both")
            ]
    rows = every_kth(rows, limit)
    texts = [(" ".join(r["sentence"].split()), _published(r.get("article_date", ""))) for r in rows]
    results = list(extract_many(texts))
    got, plain = [victim_side(events) for events in results], [plain_side(events) for events in results]
    gold = [r["category"] for r in rows]
    out = _side_scores(gold, got, plain)
    out["by_file"] = {}
    for name in sorted({r["file"] for r in rows}):
        mine = [i for i, r in enumerate(rows) if r["file"] == name]
        out["by_file"][name] = _side_scores(*([seq[i] for i in mine] for seq in (gold, got, plain)))
    return out


def _side_scores(gold: list[str], got: list[str], plain: list[str] | None = None) -> dict[str, Any]:
    """Sentences, macro-F1, accuracy, share with no side and the confusion matrix (gold → predicted → count)
    of predicted victim sides against gold; given the plain reading's sides (``plain_side``), their macro-F1."""
    pairs = list(zip(gold, got, strict=True))
    out = {
        "sentences": len(gold),
        "side_macro_f1": round(macro_f1(gold, got, labels=_SIDES), 4),
        "side_accuracy": round(sum(g == p for g, p in pairs) / max(len(gold), 1), 4),
        "no_side": round(got.count("none") / max(len(gold), 1), 4),
        "confusion": {g: {p: pairs.count((g, p)) for p in _SIDES + ("none",)} for g in _SIDES},
    }
    if plain is not None:
        out["plain_side_macro_f1"] = round(macro_f1(gold, plain, labels=_SIDES), 4)
    return out


def _published(us_date: str) -> str | None:
    """ "10/13/2023" → "2023-10-13"; an ISO date as it is."""
    if len(us_date.strip()) == 10 and us_date.strip()[4] == "-":
        return us_date.strip()
    parts = us_date.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return f"{parts[2]}-{int(parts[0]):02d}-{int(parts[1]):02d}"


def seed_checks(seed_path: Path = SEED) -> dict[str, bool]:
    """The DESIGN.md acceptance checks on the seed article."""
    text = seed_path.read_text(encoding="utf-8")
    events = next(extract_many([(text, "2023-10-09")]))
    assaults = [e for e in events if e.type == "ASSAULT" and e.mode != "abduct"]
    top = assaults[0] if assaults else None
    killed = [c for c in top.counts if c.kind == "killed"] if top else []
    keys = [(e.type, e.mode, e.evidence.text.strip()[-80:]) for e in events]
    return {
        "consult_qatar_hamas": any(e.type == "CONSULT" and e.actor1 and e.actor1.country == "QAT" for e in events),
        "exchange_not_done": any(
            any(c.value == 36 for c in e.counts) and e.status in ("proposed", "negotiating") for e in events
        ),
        "assault_by_hamas": bool(top and top.actor1 and top.actor1.name == "Hamas"),
        "killed_more_than_700": bool(killed and killed[0].value == 700 and killed[0].qualifier == "more than"),
        "abduction": any(e.mode == "abduct" for e in events),
        "since_saturday_night": any(e.date == "2023-10-07" for e in events),
        "source_told_reuters": any(e.attribution and e.attribution.via == "Reuters" for e in events),
        "offsets_match": all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in events),
        "each_fact_once": len(keys) == len(set(keys)),
    }


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """All extraction figures; ``limit`` caps each gold set (deterministic subsample)."""
    started = time.perf_counter()
    figures: dict[str, Any] = {
        "plover_gsr": score_plover_gsr(data_dir, limit),
        "casualty_mentions": score_casualty_mentions(data_dir, limit),
        "event_location_extract": places.score_through_extractor(data_dir, limit, placed_only=False),
        "event_location_places": places.score_event_locations(data_dir, limit),
        "seed": seed_checks(),
    }
    figures["limit"] = limit
    figures["seconds"] = round(time.perf_counter() - started, 1)
    return figures
