"""Crisis-response handbook: build tooling and the macros used by the pages.

mkdocs-macros loads this package (``module_name: handbook`` in mkdocs.yml) and calls
``define_env``; the wiring lives in :mod:`handbook.macros`.
"""

from handbook.macros import define_env

__all__ = ["define_env"]
