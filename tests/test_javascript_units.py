"""The pure logic of our browser scripts, under Node's test runner (milliseconds, no browser)."""

from __future__ import annotations

import shutil
import subprocess

from handbook.site import ROOT


def test_search_query_normalisation() -> None:
    node = shutil.which("node")
    assert node, "Node.js is installed by make test"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 10" in result.stdout
