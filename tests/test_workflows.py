"""The GitHub workflows: a profile built in CI cannot reach a token or write anywhere."""

from __future__ import annotations

import yaml

from handbook.site import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_pages_build_holds_no_credential_and_no_write_permission() -> None:
    workflow = _load("pages.yml")
    assert workflow["permissions"] == {"contents": "read"}
    build = workflow["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    checkouts = [step for step in build["steps"] if str(step.get("uses", "")).startswith("actions/checkout")]
    assert len(checkouts) == 2
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False
    for step in build["steps"]:
        text = yaml.safe_dump(step)
        if "PROFILE_TOKEN" in text:
            assert step in checkouts  # the token reaches the checkout step only
        assert "GH_TOKEN" not in text and "github.token" not in text
    assert workflow["jobs"]["test"]["uses"] == "./.github/workflows/tests.yml"
    assert build["needs"] == "test"  # nothing is published unless the tests pass
    writers = {name: job.get("permissions", {}) for name, job in workflow["jobs"].items()
               if name not in ("build", "test")}
    assert writers["deploy"] == {"pages": "write", "id-token": "write"}
    assert writers["release"] == {"contents": "write"}


def test_the_tests_run_on_every_push_and_pull_request_with_read_only_rights() -> None:
    workflow = _load("tests.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "workflow_call"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["test"]["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    assert any(step.get("run") == "make test" for step in steps)
