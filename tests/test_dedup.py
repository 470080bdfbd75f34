"""Near-duplicates: normalisation, shingles, grouping, the `storyline dedup` filter, edge inputs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.dedup import Params, deduplicate, page_words
from storyline.dedup.jsonl import dedup_lines
from storyline.dedup.shingles import shingle_batch
from storyline.dedup.template import Templates
from storyline.dedup.text import fold
from storyline.dedup.words import shingle_texts

MENU = ["Home", "World", "Business", "Sport", "Subscribe to our newsletter", "Search"]
FOOTER = ["© 2023 Daily Example. All rights reserved.", "Privacy policy", "Terms of use", "Contact us"]


def framed(body: str, site: int = 0) -> str:
    """Body inside a site's menu and footer (the site number varies the lines)."""
    return "\n".join([f"{m} {site}" if i == 0 else m for i, m in enumerate(MENU)] + [body] + FOOTER)


def groups(items: list[tuple[str, str]], params: Params | None = None) -> dict[str, str]:
    """id -> group for (id, text) items."""
    return {m.id: m.group for m in deduplicate(((i, t, None) for i, t in items), params or Params())}


def story(seed_text: str) -> str:
    """The seed's story paragraphs, once."""
    lines = [line for line in seed_text.splitlines() if len(line.split()) > 12]
    return "\n".join(dict.fromkeys(lines))


def test_fold_makes_typographic_variants_equal() -> None:
    a = fold("He said \u201cmoving  positively\u201d \u2014 it\u2019s TRUE")
    b = fold('he said "moving  positively" - it\'s true')
    assert a == b
    raw = ["He said \u201cmoving  positively\u201d \u2014 it\u2019s TRUE", 'he said "moving  positively" - it\'s true']
    signed = shingle_texts(raw, 5, sentences=False)
    assert signed.body[0] == signed.body[1] != 0
    assert np.array_equal(signed.batch.hashes[:3], signed.batch.hashes[3:])


def test_sentence_lines_drop_menus_and_repeated_lead(seed_text: str) -> None:
    (text,) = page_words([seed_text])
    assert "see more" not in text and "latest videos" not in text
    assert text.count("the negotiations which qatar has been conducting") == 1


def test_shingle_hashes_do_not_depend_on_position_or_batch() -> None:
    words = b"the quick brown fox jumps over the lazy dog"
    alone = shingle_batch([words], 5)
    mixed = shingle_batch([b"x x x", b"", words, b"a b"], 5)
    assert mixed.sizes().tolist() == [1, 0, 5, 1]
    assert np.array_equal(np.sort(alone.hashes), np.sort(mixed.hashes[mixed.offsets[2] : mixed.offsets[3]]))


def test_templates_strip_shared_header_and_footer() -> None:
    templates = Templates()
    pages = [f"menu\nnews\narticle {i} line\nfooter a\nfooter b" for i in range(3)]
    for page in pages:
        templates.learn(page)
    assert templates.strip(pages[1]) == "article 1 line"
    assert Templates().strip(pages[0]) == pages[0]  # one page alone teaches nothing


def test_copies_of_the_seed_group_with_the_longest_as_canonical(seed_text: str) -> None:
    body = story(seed_text)
    paras = body.splitlines()
    items = [
        ("full", framed(body, 1)),
        ("half", framed("\n".join(paras[: len(paras) // 2 + 1]), 2)),
        ("curly", framed(body.replace('"', "\u201c").replace("'", "\u2019"), 3)),
        ("lead-twice", framed("\n".join(paras[:1] + paras), 4)),
        ("dateline", framed("DOHA, Oct 9 (Reuters) - " + body, 5)),
        ("raw-seed", seed_text),
    ]
    out = {m.id: m for m in deduplicate(((i, t, None) for i, t in items), Params())}
    assert len({m.group for m in out.values()}) == 1
    canonical = [m for m in out.values() if m.canonical]
    assert len(canonical) == 1 and canonical[0].similarity == 1.0
    assert all(0.5 <= m.similarity <= 1.0 for m in out.values())


def test_different_reports_on_the_same_crisis_stay_apart(seed_text: str) -> None:
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "samples" / "gaza-2023"
    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(samples.glob("*"))]
    found = groups(items)
    assert len(set(found.values())) == len(items)


def test_odd_inputs_neither_crash_nor_join() -> None:
    long_text = " ".join(f"word{i % 5000} appears here." for i in range(60_000))
    items = [
        ("empty", ""),
        ("blank", "   \n\t "),
        ("short", "Gaza."),
        ("short2", "Israel."),
        ("furniture", "Sign up for our newsletter to get the news every morning."),
        ("long", long_text),
        ("arabic", "قال مسؤولون في وزارة الصحة إن عشرات الأشخاص قتلوا في غارة جوية على مخيم للاجئين. " * 3),
        ("chinese", "以色列国防军表示，他们在加沙北部开展了地面行动。联合国呼吁立即停火。"),
        ("surrogate", "\ud800 a lone surrogate and a NUL \x00 in otherwise plain text, as scrapers leave them."),
        ("russian", "Министерство здравоохранения сообщило о десятках погибших в результате авиаудара по лагерю."),
    ]
    found = groups(items)
    assert found == {i: i for i, _ in items}


def test_exact_copies_of_short_and_non_latin_text_still_group() -> None:
    text = "以色列国防军表示，他们在加沙北部开展了地面行动。"
    assert groups([("a", text), ("b", text + "\n"), ("c", "Gaza."), ("d", "gaza.")]) == {
        "a": "a",
        "b": "a",
        "c": "c",
        "d": "c",
    }


def test_page_words_fall_back_when_filtering_leaves_too_little() -> None:
    assert page_words(["Home\nNews\nSport"]) == ["home news sport"]


def test_furniture_lines_and_repeated_lines_are_dropped_whole() -> None:
    story = "Officials said the convoy reached the town on Monday after days of delay."
    lines = [story, "Sign up for our newsletter to get the latest news every day.", story]
    assert page_words(["\n".join(lines)]) == [fold(story).replace(".", "")]
    assert page_words(["The blog in the capital reported that the convoy reached the town."]) == [
        "the blog in the capital reported that the convoy reached the town"
    ]  # "log in" is furniture only as whole words
    alone = shingle_texts(["Sign up for our newsletter to get the news every morning."], 5)
    assert alone.words.tolist() == [0] and len(alone.batch.hashes) == 0


def test_filter_keeps_order_ids_and_reports_bad_lines(seed_text: str) -> None:
    lines = [
        json.dumps({"id": "a", "text": seed_text}),
        "not json",
        json.dumps({"id": "b"}),
        "",
        json.dumps({"id": 7, "text": seed_text.replace('"', "\u201d")}),
        json.dumps(["a", "list"]),
    ]
    out = list(dedup_lines(lines, Params()))
    assert [r["id"] for r in out] == ["a", None, "b", 7, None]  # ids echoed exactly as given
    assert set(out[0]) == {"id", "group", "canonical", "similarity"}
    assert out[4 - 1]["group"] == "a" and out[3]["canonical"] is False
    assert all("error" in out[i] for i in (1, 2, 4))


def test_filter_echoes_number_ids_and_groups_as_given(seed_text: str) -> None:
    lines = [json.dumps({"id": i, "text": seed_text}) for i in (7, 8)] + [json.dumps({"id": "7", "text": "x"})]
    out = list(dedup_lines(lines, Params()))
    assert [(r["id"], r["group"]) for r in out] == [(7, 7), (8, 7), ("7", 7)]


def test_filter_json_errors_do_not_double_at() -> None:
    out = list(dedup_lines(['{"id": 1, "text": "unterminated', '{"id": 2, "text": "a\tb"}x'], Params()))
    assert out[0]["id"] is None and "string starting at column 19)" in out[0]["error"], out[0]
    assert " at at " not in out[0]["error"] and "control character at column 21)" in out[1]["error"], out[1]


def test_cli_filter_round_trip(seed_text: str) -> None:
    stdin = "\n".join(json.dumps({"id": f"d{i}", "text": seed_text}) for i in range(3)) + "\n"
    result = CliRunner().invoke(cli, ["dedup", "--threshold", "0.3"], input=stdin)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["group"] for r in rows] == ["d0", "d0", "d0"]
    assert [r["canonical"] for r in rows] == [True, False, False]


def test_templates_forget_one_off_pages_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.dedup import template

    monkeypatch.setattr(template, "MAX_KEYS", 2)
    templates = Templates()
    for page in ("site\na", "site\nb", "one-off\nc", "other\nd"):
        templates.learn(page)
    assert set(templates.heads) == {"site", "other"}  # the shared header survives, singletons go


CJK_STORY = [  # written for this test
    "以色列国防军周二表示，他们在加沙北部开展了新的地面行动，目标是摧毁哈马斯的隧道网络。",
    "联合国秘书长古特雷斯再次呼吁立即实现人道主义停火，并要求各方保护平民和医院。",
    "加沙卫生部说，过去二十四小时内至少有一百二十人死亡，另有数百人受伤，其中大部分是妇女和儿童。",
    "埃及官员表示，拉法口岸将在周三重新开放，允许更多载有食品、药品和燃料的卡车进入。",
    "以色列总理内塔尼亚胡在电视讲话中说，军事行动将持续到所有人质获释为止。",
    "国际红十字委员会警告说，加沙的医疗系统已经濒临崩溃，许多医院因缺乏燃料而停止运转。",
]
CJK_OTHER = [  # another story of the same length, same script and same kind of sentences
    "日本气象厅周一发布警报，称一场强台风正在逼近九州南部，预计周三登陆。",
    "当局已要求沿海地区约五十万居民撤离，学校和公共交通将在周二全面停运。",
    "气象专家说，这次台风的风速可能超过每小时二百公里，并将带来创纪录的降雨。",
    "多家航空公司已取消数百个航班，铁路公司也宣布暂停部分新干线列车的运行。",
    "政府在东京召开紧急会议，首相要求各部门做好救灾准备，确保居民安全。",
    "气象厅提醒居民远离河流和海岸，并随时关注最新的天气预报和避难信息。",
]
ARABIC_STORY = [  # written for this test
    "قال مسؤولون في وزارة الصحة إن عشرات الأشخاص قتلوا في غارة جوية على مخيم للاجئين يوم الثلاثاء.",
    "وأضاف المسؤولون أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت أنقاض المباني المدمرة في المخيم.",
    "ودعت الأمم المتحدة إلى وقف فوري لإطلاق النار وإلى فتح المعابر أمام شاحنات المساعدات الإنسانية.",
    "وقال شهود عيان إن الانفجارات سمعت في أنحاء المدينة وإن المستشفيات امتلأت بالجرحى خلال ساعات.",
]


def test_cjk_and_arabic_copies_group_and_other_cjk_stories_do_not() -> None:
    head1, foot1 = "首页\n新闻\n国际\n财经\n", "\n版权所有 © 2024 新闻网\n联系我们"
    head2, foot2 = "主页\n要闻\n视频\n", "\n关于我们\n网站地图"
    cjk, other = "\n".join(CJK_STORY), "\n".join(CJK_OTHER)
    arabic = "\n".join(ARABIC_STORY)
    found = groups(
        [
            ("zh", head1 + cjk + foot1),
            ("zh-cut", head2 + "\n".join(CJK_STORY[:4]) + foot2),  # cut to two thirds, other furniture
            ("zh-dateline", "新华社北京10月24日电 " + cjk),
            ("zh-other", head1 + other + foot1),  # same site, same script, another story
            ("zh-other-copy", head2 + other + foot2),
            ("ar", "الرئيسية\nأخبار\n" + arabic + "\nجميع الحقوق محفوظة"),
            ("ar-cut", "\n".join(ARABIC_STORY[:3])),
        ]
    )
    assert found["zh"] == found["zh-cut"] == found["zh-dateline"]
    assert found["zh-other"] == found["zh-other-copy"] != found["zh"]
    assert found["ar"] == found["ar-cut"] not in {found["zh"], found["zh-other"]}


def _made_up_story(seed: int, words: int = 240) -> str:
    """Sentences of made-up words, none shared between seeds."""
    rng = np.random.default_rng(seed)
    tokens = [f"s{seed}w{k}" for k in rng.integers(0, 5_000, words)]
    return "\n".join(" ".join(tokens[i : i + 12]) + "." for i in range(0, words, 12))


def test_a_very_long_page_holding_whole_stories_does_not_merge_their_groups() -> None:
    a, b, c = (_made_up_story(seed) for seed in (1, 2, 3))
    a_cut, b_cut = "\n".join(a.splitlines()[:12]), "\n".join(b.splitlines()[:12])
    long_page = "\n".join([a, b, c] + [_made_up_story(seed) for seed in range(10, 40)])  # ~8,000 words
    found = groups([("a", a), ("a-cut", a_cut), ("b", b), ("b-cut", b_cut), ("c", c), ("digest", long_page)])
    assert found["a"] == found["a-cut"] and found["b"] == found["b-cut"]
    assert len({found["a"], found["b"], found["c"]}) == 3
