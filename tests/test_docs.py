"""Every setting is documented in the README's Settings table, with its default."""

import re
from pathlib import Path

from storyline.settings import SETTINGS

REPO = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        row = re.search(rf"^\| `{setting.name}` \| `([^`]*)` \|", readme, re.MULTILINE)
        assert row, f"setting {setting.name} missing from README Settings table"
        assert row.group(1) == str(setting.default), f"README default of {setting.name} is stale"


def test_no_undeclared_settings_in_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Settings", 1)[1]
    documented = set(re.findall(r"^\| `([a-z_0-9]+)` \|", table, re.MULTILINE))
    assert documented == {s.name for s in SETTINGS}
