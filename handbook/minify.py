"""The handbook's own scripts, shipped without comments and indentation.

The sources in overrides/assets/javascripts/ stay readable and run as they are (no build step is
needed to use them); the built site carries them minified by rjsmin, which only removes comments
and white space, so that every page's share of the incident file (store and countdown bar) stays
within its weight budget. Material's bundle and vendored scripts are left as they come.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin


def minify_scripts(site_dir: Path, sources: Path) -> list[str]:
    """Minify, in the built site, every script that overrides/assets/javascripts/ holds at its top level."""
    done = []
    for source in sorted(sources.glob("*.js")):
        built = site_dir / "assets" / "javascripts" / source.name
        if built.is_file():
            built.write_text(rjsmin.jsmin(built.read_text(encoding="utf-8"), keep_bang_comments=True),
                             encoding="utf-8")
            done.append(source.name)
    return done
