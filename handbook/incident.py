"""The incident file's vocabulary: the fields of a record, the kinds of log entry, the status and
severity codes. The record in the browser stores these codes (language-neutral); the page shows
them in its language from strings.yml (keys ``incident_*``).
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 1
FILE_FORMAT = "crisis-handbook-incident"
KINDS = ("event", "decision", "contact", "promise")
STATUSES = ("investigating", "contained", "cause_found", "countermeasures", "closed")
SEVERITIES = ("1", "2", "3", "4")
# What went wrong: the handbook treats a quality defect and a late delivery differently (containment).
TYPES = ("quality", "delivery")
ROLES = ("president", "lead", "liaison", "scribe", "internal")
# (name, kind): "short" one line, "long" several lines, "time" a date and time, "choice" a list.
FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "short"), ("client", "short"), ("product", "short"), ("type", "choice"), ("what", "long"),
    ("found", "time"),
    ("quantity", "short"), ("lots", "short"), ("severity", "choice"), ("status", "choice"),
    *((f"role_{role}", "short") for role in ROLES),
    ("containment", "long"), ("cause", "long"), ("countermeasures", "long"), ("next_steps", "long"),
)
# Rows of the blank log form: one A4 sheet.
BLANK_ROWS = 22
# An import larger than this is refused before it is read.
MAX_FILE_MB = 2


def choices(name: str, t: dict[str, str]) -> list[tuple[str, str]]:
    """The options of a choice field, as (code, label in the page language)."""
    if name == "severity":
        return [("", t["incident_sev_none"])] + [(code, t[f"incident_sev_{code}"]) for code in SEVERITIES]
    if name == "type":
        return [("", t["incident_type_none"])] + [(code, t[f"incident_type_{code}"]) for code in TYPES]
    return [(code, t[f"incident_status_{code}"]) for code in STATUSES]


def fields(t: dict[str, str]) -> list[dict[str, Any]]:
    """The record's fields, in form order, with their options."""
    return [{"name": name, "kind": kind, "choices": choices(name, t) if kind == "choice" else []}
            for name, kind in FIELDS]


STRINGS_SCRIPT = "assets/javascripts/incident-strings.js"


def strings_script(t: dict[str, str]) -> str:
    """page_strings as a script the incident page loads with its own (``window.HandbookIncidentStrings``):
    a file of its own keeps the page's HTML small, so that it arrives in the first round trip."""
    data = json.dumps(page_strings(t), ensure_ascii=False, separators=(",", ":"))
    return "window.HandbookIncidentStrings=" + data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ";\n"


def page_strings(t: dict[str, str]) -> dict[str, Any]:
    """What incident.js needs: the vocabulary and the page language's texts (``incident_`` dropped)."""
    texts = {key.removeprefix("incident_"): value for key, value in t.items() if key.startswith("incident_")}
    texts |= {"hours": t["bar_hours"], "minutes": t["bar_minutes"], "days": t["bar_days"]}
    return {"t": texts, "fields": [name for name, _ in FIELDS], "kinds": list(KINDS), "statuses": list(STATUSES),
            "severities": list(SEVERITIES), "types": list(TYPES), "schema": SCHEMA_VERSION, "format": FILE_FORMAT,
            "maxMb": MAX_FILE_MB}
