"""The shipped example profile, which the suite's build uses: its people in escalation order."""

from __future__ import annotations

from handbook.profile import load_profile
from handbook.site import ROOT

EXAMPLE = load_profile(ROOT / "profiles" / "example")
CHAIN = [EXAMPLE.person(step.person) for step in EXAMPLE.escalation]
# The company's name in each language, as every filled-in letter carries it.
COMPANY = {"ja": EXAMPLE.company.name.ja, "en": EXAMPLE.company.name.en}
