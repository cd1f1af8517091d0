"""Macros and variables available to every page (mkdocs-macros ``define_env``)."""

from __future__ import annotations

import datetime
from typing import Any


def define_env(env: Any) -> None:
    """Register the handbook's variables and macros with mkdocs-macros."""
    env.variables["build_date"] = datetime.date.today().isoformat()
