"""Crisis-response handbook: build tooling and the macros used by the pages.

mkdocs-macros loads this package (``module_name: handbook`` in mkdocs.yml) and looks here for
its hook functions; they live in :mod:`handbook.macros` and are imported on first use, so that
``python -m handbook.<module>`` does not import the macros (and the module itself) twice.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["define_env", "on_post_page_macros"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("handbook.macros"), name)
    raise AttributeError(f"module 'handbook' has no attribute {name!r}")
