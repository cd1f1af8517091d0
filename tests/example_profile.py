"""The shipped example profile, which the suite's build uses: its people in escalation order."""

from __future__ import annotations

from handbook.profile import load_profile
from handbook.site import ROOT

EXAMPLE = load_profile(ROOT / "profiles" / "example")
CHAIN = [EXAMPLE.person(step.person) for step in EXAMPLE.escalation]
