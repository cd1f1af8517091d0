"""Crisis-response handbook: build tooling and the macros used by the pages.

mkdocs-macros loads this package (``module_name: handbook`` in mkdocs.yml) and looks here for
its hook functions; they live in :mod:`handbook.macros`.
"""

from handbook.macros import define_env, on_post_build, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_build", "on_post_page_macros", "on_pre_page_macros"]
