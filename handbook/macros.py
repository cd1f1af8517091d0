"""Macros available to every page (mkdocs-macros ``define_env``): wiring only.

The edition (content data, profile, pages, letters) comes from the handbook plugin, which has
checked everything before any page renders; text comes from strings.yml and the data files,
markup from templates/. Every value from the profile reaches a page through an autoescaping
template, or through ``inline()`` for running text.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from handbook.build import Edition
from handbook.checklists import Checklist
from handbook import incident
from handbook.documents import is_replaced, marked
from handbook.plugin import LETTER_FILES
from handbook.profile import ADVISER_KINDS
from handbook.render import fragment, inline, render
from handbook.storage import company_id

# The incident file's page (both languages), linked from checklists, crisis pages and the countdown bar.
INCIDENT_PAGE = "incident.html"
# How many people of the escalation chain are large call buttons on the first screen; the rest fold.
CALL_BUTTONS = 2


def relative_url(target: str, from_page: str) -> str:
    """A link from one page (``a/b.html``) to another file of the same language."""
    origin = from_page.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < min(len(origin), len(parts) - 1) and origin[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(origin) - common) + parts[common:]) or "."


def page_url(source: str) -> str:
    """The address of a page from its Markdown path (the build uses plain .html addresses)."""
    return source.removesuffix(".md") + ".html"


class Handbook:
    """What the macros of one build need: the edition, and the page being rendered."""

    def __init__(self, env: Any, edition: Edition) -> None:
        self.env = env
        self.edition = edition
        self.language = edition.language
        self.t = edition.content.t(self.language)
        self.profile = edition.profile
        self.company = self.profile.company.name(self.language)

    def url(self, target: str) -> str:
        """Link from the page being rendered to another page or file of this language."""
        return relative_url(target, self.env.page.url)

    @property
    def stale(self) -> bool:
        return self.profile.contacts_stale(self.edition.today)

    def calls(self) -> list[dict[str, str]]:
        """The escalation chain, in order, with everything needed to call each person."""
        calls = []
        for step in self.profile.escalation:
            person = self.profile.person(step.person)
            calls.append({
                "name": person.name(self.language), "title": person.title(self.language),
                "role": self.t[f"role_{person.role}"], "phone": person.phone, "tel": person.tel,
                "email": str(person.email),
                "within": self.t["contacts_within"].format(minutes=step.within_minutes),
                "within_label": self.t["contacts_within_label"].format(minutes=step.within_minutes),
            })
        return calls

    def text(self, value: Any) -> str | None:
        """An optional bilingual profile text in the page language."""
        return value(self.language) if value else None

    def customers(self) -> list[dict[str, Any]]:
        """The main customers, in profile order, each with its contacts."""
        return [{
            "id": customer.id, "name": customer.name(self.language), "plant": self.text(customer.plant),
            "address": self.text(customer.address), "entry_rules": self.text(customer.entry_rules),
            "contacts": [{
                "function": self.t[f"function_{contact.function}"], "name": contact.name(self.language),
                "title": contact.title(self.language), "phone": contact.phone, "tel": contact.tel,
                "email": contact.email,
            } for contact in customer.contacts],
        } for customer in self.profile.customers]

    def advisers(self) -> list[dict[str, Any]]:
        """The outside advisers, by kind (lawyer first), each labelled with when to call them."""
        ordered = sorted(self.profile.advisers, key=lambda adviser: ADVISER_KINDS.index(adviser.kind))
        return [{
            "kind": self.t[f"adviser_kind_{adviser.kind}"], "when": self.t.get(f"adviser_when_{adviser.kind}"),
            "organisation": adviser.organisation(self.language), "name": self.text(adviser.name),
            "phone": adviser.phone, "tel": adviser.tel, "email": adviser.email, "note": self.text(adviser.note),
        } for adviser in ordered]

    def links(self, items: Any) -> dict[str, dict[str, str]]:
        """For each item (anything with .id and .page): a link to its page, and the page title."""
        return {item.id: {"url": self.url(page_url(item.page)), "title": self.edition.title(item.page)}
                for item in items}

    def checklist_html(self, found: Checklist, *, sheet: bool) -> Markup:
        return fragment("checklist.html", checklist=found, language=self.language, t=self.t,
                        links=self.links(found.items), sheet=sheet, company=self.company,
                        incident_url=self.url(INCIDENT_PAGE))

    def letter_file(self, name: str) -> str:
        return f"{name}.{self.language}.txt"


def define_env(env: Any) -> None:
    """Register the handbook's variables and macros with mkdocs-macros."""
    edition = env.conf.plugins["handbook"].edition
    handbook = Handbook(env, edition)
    content = edition.content
    language = handbook.language
    env.variables["build_date"] = edition.today.isoformat()

    @env.macro
    def company_name() -> str:
        """The company's name in the page language, safe for running text."""
        return inline(handbook.company)

    @env.macro
    def contacts_box() -> str:
        """The company's escalation contacts, shown at the top of crisis pages."""
        return render("contacts_box.html", t=handbook.t, company=handbook.company,
                      calls=handbook.calls(), stale=handbook.stale, first=CALL_BUTTONS,
                      confirmed=handbook.profile.contacts.last_confirmed.isoformat(),
                      contacts_url=handbook.url("contacts.html"), incident_url=handbook.url(INCIDENT_PAGE))

    @env.macro
    def escalation_table() -> str:
        """Everyone in the escalation chain, in calling order, with phone and e-mail."""
        return render("escalation_table.html", t=handbook.t, company=handbook.company, calls=handbook.calls(),
                      stale=handbook.stale,
                      confirmed=handbook.profile.contacts.last_confirmed.isoformat())

    @env.macro
    def liaison_rules() -> str:
        """The company's rules for talking to the client."""
        rules = handbook.profile.client_liaison
        liaison = handbook.profile.by_role("client_liaison") or handbook.profile.president
        t = handbook.t
        return render(
            "liaison_rules.html",
            first_contact=t["rules_first_contact"].format(minutes=rules.first_contact_within_minutes),
            report_every=(t["rules_report_daily"] if rules.report_every_hours == 24
                          else t["rules_report_every"].format(hours=rules.report_every_hours)),
            single_contact=t["rules_single_contact"].format(name=liaison.name(language), phone=liaison.phone),
        )

    @env.macro
    def customer_contacts() -> str:
        """The main customers: plant, address, entry rules, and their quality and purchasing contacts."""
        return render("customer_contacts.html", t=handbook.t, customers=handbook.customers())

    @env.macro
    def outside_advisers() -> str:
        """Lawyer, insurance agent, tax accountant, bank, suppliers and carrier, with when to call each."""
        return render("outside_advisers.html", t=handbook.t, advisers=handbook.advisers())

    @env.macro
    def site_visit() -> str:
        """The address of the site, and how to get there."""
        visit = handbook.profile.site_visit
        return render("site_visit.html", t=handbook.t, address=visit.address(language),
                      note=visit.note(language) if visit.note else None)

    @env.macro
    def glossary_table() -> str:
        """The glossary as a table: Japanese, English, and the meaning in the page language."""
        return render("glossary_table.html", t=handbook.t, terms=content.glossary, language=language)

    def checklist_macro(slug: str) -> str:
        """One checklist, with ticks kept in the browser."""
        return render("checklist.html", checklist=content.checklist(slug), language=language, t=handbook.t,
                      links=handbook.links(content.checklist(slug).items), sheet=False,
                      company=handbook.company, incident_url=handbook.url(INCIDENT_PAGE))

    env.macro(checklist_macro, "checklist")

    @env.macro
    def checklist_links() -> str:
        """A list of every checklist page, with when each is used."""
        return render("page_list.html", entries=[
            (found.title(language), handbook.url(f"checklists/{found.slug}.html"), found.when(language))
            for found in content.checklists])

    @env.macro
    def print_pack() -> str:
        """Every checklist of this language: a cover, then one sheet per checklist."""
        return render("print_pack.html", language=language, checklists=content.checklists, t=handbook.t,
                      company=handbook.company,
                      sheets=[handbook.checklist_html(found, sheet=True) for found in content.checklists])

    def letter_macro(name: str) -> str:
        """A letter template filled with the company's data: copy block and download."""
        found = content.letter(name)
        file = handbook.letter_file(name)
        return render("letter.html", t=handbook.t, name=name, use=found.use(language),
                      text=marked(edition.letters[name]), replaced=is_replaced(handbook.profile, name, language),
                      download_url=handbook.url(f"{LETTER_FILES}/{file}"), download_name=file,
                      docx_url=handbook.url(f"{LETTER_FILES}/{name}.{language}.docx"),
                      docx_name=f"{name}.{language}.docx", docx_base64=edition.letter_docx_base64(name))

    env.macro(letter_macro, "letter")

    def quiz_macro(slug: str) -> str:
        """A course's self-check: radio buttons, instant feedback, a score."""
        found = content.quiz(slug)
        return render("quiz.html", quiz=found, language=language, t=handbook.t,
                      links=handbook.links(found.questions))

    env.macro(quiz_macro, "quiz")

    @env.macro
    def incident_file() -> str:
        """The incident file: one record per incident, kept in the browser (incident.js)."""
        return render("incident_file.html", t=handbook.t, language=language, company=handbook.company,
                      company_id=company_id(handbook.profile), strings_url=handbook.url(incident.STRINGS_SCRIPT),
                      kinds=incident.KINDS, fields=incident.fields(handbook.t), blank_rows=incident.BLANK_ROWS,
                      script_url=handbook.url("assets/javascripts/incident.js"),
                      documents_url=handbook.url(f"{LETTER_FILES}/"),
                      documents_script_url=handbook.url("assets/javascripts/incident-documents.js"),
                      documents=[{"name": found.name, "title": found.title(language)} for found in content.letters],
                      checklists=[{"slug": found.slug, "title": found.title(language), "total": len(found.items),
                                   "url": handbook.url(f"checklists/{found.slug}.html")}
                                  for found in content.checklists])

    @env.macro
    def letter_links() -> str:
        """A list of every letter template page, with when each is used."""
        return render("page_list.html", entries=[
            (found.title(language), handbook.url(f"templates/{found.name}.html"), found.use(language))
            for found in content.letters])


def on_post_page_macros(env: Any) -> None:
    """Give the technical terms of the glossary a hover explanation on every page."""
    edition: Edition = env.conf.plugins["handbook"].edition
    language = edition.language
    definitions = [f"*[{term.term(language)}]: {term.note(language)}"
                   for term in edition.content.glossary if term.tooltip]
    env.markdown += "\n\n" + "\n".join(definitions) + "\n"
