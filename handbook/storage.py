"""Where the handbook keeps what a reader records in the browser: the prefix of its localStorage keys
and the company's id that scopes them (and that an exported incident file carries)."""

from __future__ import annotations

import hashlib

from handbook.profile import Profile

# Browser storage is shared by every handbook opened from the same origin (all of file://, for
# one): the prefix and the company's id keep this handbook's records apart from other handbooks'.
STORAGE_PREFIX = "crisis-handbook"


def company_id(profile: Profile) -> str:
    """A short, stable id of the company: from its Japanese name, so it does not depend on the language."""
    return hashlib.sha256(profile.company.name.ja.encode("utf-8")).hexdigest()[:8]


def storage_scope(profile: Profile) -> str:
    """The start of every key this company's handbook writes."""
    return f"{STORAGE_PREFIX}:{company_id(profile)}"
