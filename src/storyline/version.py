"""Pipeline versions: each derived row records the version of the stage that made it.

Bump a stage's version when its output changes; `storyline process` redoes rows made by older versions.
"""

from __future__ import annotations

CLEAN_VERSION = 3
DEDUP_VERSION = 3
EXTRACT_VERSION = 3
