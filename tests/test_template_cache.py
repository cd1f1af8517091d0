"""Compiled templates kept between builds: never stale, never compiled under other settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from handbook.template_cache import cache_compiled_templates


@pytest.fixture
def temporary(tmp_path: Path, temporary_folder: Path) -> Path:
    (tmp_path / "page.html").write_text("<p>{{ value }}</p>", encoding="utf-8")
    return tmp_path


def _render(folder: Path, **settings: object) -> str:
    environment = cache_compiled_templates(Environment(loader=FileSystemLoader(folder), **settings))
    return environment.get_template("page.html").render(value="<b>")


def test_code_compiled_without_escaping_is_not_reused_with_escaping(temporary: Path) -> None:
    assert _render(temporary, autoescape=False) == "<p><b></p>"
    assert list((temporary / "tmp").glob("_jinja2-cache-*/__handbook_*.cache"))
    assert _render(temporary, autoescape=True) == "<p>&lt;b&gt;</p>"
    assert len(list((temporary / "tmp").glob("_jinja2-cache-*/__handbook_*.cache"))) == 2


def test_a_vanished_or_broken_cache_only_means_compiling_again(temporary: Path) -> None:
    assert _render(temporary, autoescape=True) == "<p>&lt;b&gt;</p>"
    for entry in (temporary / "tmp").glob("_jinja2-cache-*/__handbook_*.cache"):
        entry.write_bytes(b"garbage")
    assert _render(temporary, autoescape=True) == "<p>&lt;b&gt;</p>"
    environment = cache_compiled_templates(Environment(loader=FileSystemLoader(temporary), autoescape=True))
    for entry in (temporary / "tmp").glob("_jinja2-cache-*/*"):
        entry.unlink()
    os.rmdir(next((temporary / "tmp").glob("_jinja2-cache-*")))
    assert environment.get_template("page.html").render(value="<b>") == "<p>&lt;b&gt;</p>"
