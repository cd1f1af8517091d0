"""Page ownership and review dates (front matter `owner` and `reviewed` on every page).

The build refuses a page without them and warns about pages not reviewed for longer than
`extra.review.max_age_days` in mkdocs.yml.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from handbook.errors import HandbookError

DEFAULT_MAX_AGE_DAYS = 365


class ReviewError(HandbookError):
    """A page does not say who owns it or when it was last reviewed."""


def review_settings(extra: Mapping[str, Any]) -> int:
    """The allowed age of a review, in days, from mkdocs.yml's `extra.review`."""
    return int((extra.get("review") or {}).get("max_age_days", DEFAULT_MAX_AGE_DAYS))


def reviewed_on(meta: Mapping[str, Any]) -> datetime.date | None:
    """The `reviewed` date of a page's front matter, if it is a date."""
    value = meta.get("reviewed")
    return value if isinstance(value, datetime.date) else None


def check_reviews(project: Path, today: datetime.date) -> list[str]:
    """Raise ReviewError for pages without owner/reviewed; return warnings for old reviews."""
    with (project / "mkdocs.yml").open(encoding="utf-8") as handle:
        max_age_days = review_settings(yaml_load(handle).get("extra") or {})
    missing, old = [], []
    for path in sorted((project / "docs").glob("*/**/*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8"))
        reviewed = reviewed_on(meta)
        if not str(meta.get("owner") or "").strip() or reviewed is None:
            missing.append(str(path.relative_to(project)))
        elif (today - reviewed).days > max_age_days:
            old.append(f"{path.relative_to(project)}: last reviewed {reviewed} "
                       f"({(today - reviewed).days} days ago; extra.review.max_age_days is {max_age_days})")
    if missing:
        raise ReviewError("these pages need `owner:` and `reviewed: YYYY-MM-DD` front matter:\n  "
                          + "\n  ".join(missing))
    return old
