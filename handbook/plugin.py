"""The MkDocs adapter: a thin plugin that calls the engine-neutral rules and generation.

Registered as the ``handbook`` plugin (entry point in pyproject.toml), listed before ``macros``
in mkdocs.yml. Every way of building runs it — ``mkdocs build``, ``mkdocs serve`` and
``python -m handbook.site`` — so every way enforces the same rules. MkDocs events used:

- ``on_config``: handbook.build.prepare checks everything (parity, content data, company profile,
  letter templates, page owners and review dates) and expands the nav's "folder/" sections;
- ``on_files``: adds the pages generated from data, the letter downloads and robots.txt;
- ``on_page_markdown``: marks a page whose review is overdue (shown in its footer) and keeps its
  search keywords;
- ``on_template_context``: gives the 404 page links relative to its own folder (see overrides/404.html);
- ``on_post_page``, ``on_post_template``: repair two bits of Material's markup that are not valid
  HTML, where browsers behave the same either way: the empty ``tabindex=""`` on navigation labels
  (treated as absent), and a table-of-contents label ``for`` a toggle that a page without sections
  does not have (it toggles nothing);
- ``on_post_build`` (after Material's search plugin, before its offline plugin): minifies the
  handbook's own scripts (handbook.minify) and replaces the search index with the handbook's own
  (handbook.search_index), read by its own search worker; then (after the offline plugin has made
  search_index.js of it) leaves in search_index.json only a stub, the whole index being in
  search/handbook_index.json for the worker to fetch after the page has opened.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from handbook import incident
from handbook.build import Edition, prepare
from handbook.messages import ProblemError
from handbook.minify import minify_scripts
from handbook.profile import profile_dir
from handbook.search_index import FULL_INDEX, Synonyms, build_index, deferred_stub, load_synonyms
from handbook.storage import storage_scope

LETTER_FILES = "templates/files"


def plain_text_file(text: str) -> bytes:
    """A letter as a .txt that Word and Notepad open cleanly: UTF-8 with a BOM, Windows line endings."""
    return ("\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n")).encode("utf-8")
MATERIAL_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")
# Material's navigation labels carry tabindex="" when a section has no index page (not valid HTML).
EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def repair_material(html: str) -> str:
    """Material's markup made valid where that changes nothing a browser does (see the module doc)."""
    html = EMPTY_TABINDEX.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html
# Set by handbook.site to a list while it builds: warnings are gathered there and printed once
# for both languages. Otherwise (plain `mkdocs build` or `serve`) they are printed at once.
collected: list[str] | None = None


def warn(message: str) -> None:
    """A warning for the person building, outside MkDocs' strict count (it must not fail the build)."""
    if collected is not None:
        collected.append(message)
    else:
        print(f"warning:\n{message}", file=sys.stderr)


class HandbookConfig(base.Config):
    """Options of the plugin in mkdocs.yml."""

    profile = c.Optional(c.Type(str))  # default: $HANDBOOK_PROFILE, else profiles/example
    data_dir = c.Type(str, default="handbook")  # checklists/, quizzes/, letters.yml, ... beside mkdocs.yml
    robots = c.Type(bool, default=True)  # write robots.txt for a private deployment (the root edition)


def prepare_for(config: Any) -> tuple[Edition, list[Any]]:
    """Every rule for the edition a MkDocs configuration describes, and its nav with sections expanded."""
    options = config.plugins["handbook"].config
    root = Path(config.config_file_path).parent
    review = config.extra.get("review") or {}
    try:
        max_age = int(review.get("max_age_days", 365))
    except (TypeError, ValueError):
        raise PluginError(f"{config.config_file_path}: extra.review.max_age_days must be a whole number") from None
    return prepare(str(config.theme["language"]), Path(config.docs_dir), config.nav,
                   profile_dir(options.profile), root / options.data_dir, max_age_days=max_age)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Owns the handbook's rules and its generated pages."""

    edition: Edition | None = None
    failure: ProblemError | None = None
    keywords: dict[str, list[str]]
    synonyms: Synonyms | None = None
    search_stub: dict[str, Any] | None = None  # written over search_index.json once the offline plugin has run

    def on_config(self, config: Any) -> Any:
        self.failure = None
        self.keywords = {}
        extra = config.extra
        try:
            self.edition, nav = prepare_for(config)
        except ProblemError as error:
            self.failure = error
            raise PluginError(f"\n{error}") from None
        try:
            self.synonyms = load_synonyms(Path(config.config_file_path).parent / self.config.data_dir)
        except ProblemError as error:
            self.failure = error
            raise PluginError(f"\n{error}") from None
        for warning in self.edition.warnings:
            warn(warning)
        config.nav = nav
        t = self.edition.content.t(self.edition.language)
        extra["handbook"] = {
            "sample": self.edition.profile.sample, "sample_notice": t["sample_notice"],
            "private": self.edition.profile.deployment.private, "review_owner": t["review_owner"],
            "review_date": t["review_date"], "review_stale": t["review_stale"],
            "not_found_title": t["not_found_title"], "not_found_text": t["not_found_text"],
            "not_found_start": t["not_found_start"], "table_scroll": t["table_scroll"],
            "storage_scope": storage_scope(self.edition.profile),
            "bar": {key.removeprefix("bar_"): value for key, value in t.items() if key.startswith("bar_")},
        }
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        edition = self.edition
        assert edition is not None
        generated = [(page.path, page.markdown) for page in edition.generated]
        for name, text in edition.letters.items():
            generated.append((f"{LETTER_FILES}/{name}.{edition.language}.txt", plain_text_file(text)))
            generated.append((f"{LETTER_FILES}/{name}.{edition.language}.docx", edition.letter_docx(name)))
            generated.append((f"{LETTER_FILES}/{name}.{edition.language}.js", edition.document_script(name)))
        generated.append((incident.STRINGS_SCRIPT, incident.strings_script(edition.content.t(edition.language))))
        if self.config.robots and edition.profile.deployment.private:
            generated.append(("robots.txt", "User-agent: *\nDisallow: /\n"))
        taken = [path for path, _ in generated if files.get_file_from_path(path) is not None]
        if taken:  # a written file would silently be replaced
            raise PluginError(f"{config.docs_dir}: these files are made by the build; remove them: {', '.join(taken)}")
        for path, content in generated:
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """`mkdocs serve` rebuilds when the data or the company profile changes, not only the pages."""
        server.watch(str(Path(config.config_file_path).parent / self.config.data_dir))
        server.watch(str(profile_dir(self.config.profile)))
        return server

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        assert self.edition is not None
        page.meta["review_stale"] = self.edition.review_stale(page.meta.get("reviewed"))
        self.keywords[page.url or "index.html"] = [str(word) for word in page.meta.get("keywords") or []]
        return markdown

    @event_priority(-50)  # after Material's search plugin (0) has written its index, before offline (-100)
    def _post_build_index(self, *, config: Any) -> None:
        if config.theme.custom_dir:
            minify_scripts(Path(config.site_dir), Path(config.theme.custom_dir) / "assets" / "javascripts")
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file() or self.edition is None:
            return
        material = json.loads(path.read_text(encoding="utf-8"))
        groups = getattr(self.synonyms, self.edition.language) if self.synonyms else []
        index = build_index(material, self.edition.language, self.keywords, [list(group) for group in groups])
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")  # the offline plugin makes search_index.js of it
        path.with_name(FULL_INDEX).write_text(text, encoding="utf-8")
        self.search_stub = deferred_stub(index)
        # Material's own worker and lunr (1.2 MB per language) are never loaded: ours replaces them.
        for unused in MATERIAL_SEARCH:
            shutil.rmtree(Path(config.site_dir) / unused, ignore_errors=True)


    @event_priority(-150)  # after the offline plugin (-100) has made search_index.js of the whole index
    def _post_build_stub(self, *, config: Any) -> None:
        """Over HTTP, Material fetches only the index's settings; the worker fetches the rest later."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.search_stub is not None and path.is_file():
            path.write_text(json.dumps(self.search_stub, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            self.search_stub = None

    on_post_build = CombinedEvent(_post_build_index, _post_build_stub)

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """MkDocs links the 404 page from the server root ("/"): wrong for the English edition, for a
        site in a subfolder and from file://. Its links are made relative to its own folder, and the
        template's <base> points them at this edition's root when it is served for a missing address."""
        if template_name == "404.html":
            language = str(config.theme["language"])
            edition = next((entry.get("path", "") for entry in config.extra.get("languages") or []
                            if entry.get("lang") == language), "")
            context["base_url"] = "."
            context["edition_root"] = urlsplit(config.site_url or "/").path.rstrip("/") + "/" + edition
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return repair_material(output)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return repair_material(output_content) if template_name.endswith(".html") else output_content
