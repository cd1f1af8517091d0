"""The search index, made at build time from the one Material's search plugin writes.

Material's plugin splits every page into sections (``docs``: location, title, HTML text). This
module turns them into what the handbook's own search worker (overrides/assets/javascripts/
search-worker.js) reads, one engine for HTTP and ``file://``:

- every section's plain text (for excerpts) and its words, counted per field: the page title and
  the page's search keywords (front matter ``keywords``, searchable but not shown) on the page's
  first section, the section heading and the body on each;
- Japanese is segmented here by a morphological analyser (SudachiPy with its core dictionary),
  long units (mode C) and their short parts (mode A) both, so that 再発防止策 is found by
  再発防止策, 再発防止 and 防止; the browser splits a query into the same words by looking them up
  in this vocabulary, so index and query are segmented the same way;
- readings: each word's reading in katakana, so that しゃざい finds 謝罪.

English words are stored as written; the worker reduces words and queries to the same stems.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from handbook.data import Keyword, load_yaml

FORMAT_VERSION = 1
# The whole index, in search/ beside Material's search_index.json. Material's bundle fetches
# search_index.json as soon as a page starts; over HTTP that file is only a stub (its settings),
# and the search worker fetches this one itself, a few seconds after the page has opened or at the
# first query, so that 170 KB (gzipped) do not compete with the page for the network and the
# phone's time. From file:// Material reads search/search_index.js, which keeps the whole index.
FULL_INDEX = "handbook_index.json"
SYNONYMS_FILE = "search_synonyms.yml"
# Parts of speech that carry meaning (Sudachi's first level); particles, auxiliaries and symbols
# do not become words of the index.
CONTENT_POS = {"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞", "連体詞", "感動詞"}
COMPOUND_POS = {"名詞", "接頭辞", "接尾辞"}
# Words too common to help. Japanese ones (light verbs, formal nouns) are left out of the index and
# of queries; English ones stay in the index ("Who does what" is a title) and are dropped from a
# query that has other words.
JA_STOPWORDS = sorted("""する し さ せ しよう いる い ある あっ あり なる なっ なり できる でき れる られる こと もの
ため とき よう ところ ほう いけ いける いけない ない よい いい これ それ あれ この その した して します
しない され された ください""".split())
EN_STOPWORDS = sorted("""a an and are as at be but by can do does for from had has have how i if in into is it
its me my no not of on or our so than that the their them then there these they this to up us was we were
what when where which who whom why will with you your""".split())
EN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
ALNUM = re.compile(r"^[a-z0-9]+$")
KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
HAN = re.compile(r"[\u3400-\u9fff々〆ヶ]")
# A section's text is kept whole up to this length (excerpts come from it); longer ones are cut.
TEXT_LIMIT = 6000


class _Text(HTMLParser):
    """Plain text of an HTML fragment, blocks separated by spaces."""

    BLOCKS = {"p", "li", "td", "th", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "br", "div", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, with runs of white space made one space."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def normalise(text: str) -> str:
    """The form words are compared in: NFKC (full-width Latin and digits to half-width), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import Dictionary  # the dictionary loads once per build process

    return Dictionary(dict="core").tokenizer()


def japanese_words(text: str, readings: dict[str, set[str]] | None = None,
                   splits: dict[str, list[str]] | None = None) -> list[str]:
    """Content words of Japanese text, long units and their short parts.

    On the side, ``readings`` collects each word's reading (katakana) and ``splits`` each long
    unit's short parts (再発防止策 → 再発, 防止, 策).
    """
    from sudachipy import SplitMode

    tokenizer = _tokenizer()
    stop = set(JA_STOPWORDS)
    words: list[str] = []
    run, run_end = "", -1  # letters and digits written together (8D, 4M) are also one word
    # Nouns written together are also one word, two or three at a time: the analyser splits 連絡先
    # in one sentence and not in another, and a reader types 初動対応 for 初動 + 対応.
    nouns: list[Any] = []
    for morpheme in tokenizer.tokenize(normalise(text), SplitMode.C):
        surface = morpheme.surface()
        if morpheme.part_of_speech()[0] in COMPOUND_POS and surface not in stop:
            if not (nouns and nouns[-1].end() == morpheme.begin()):
                nouns = []
            nouns.append(morpheme)
            for size in (2, 3):
                if len(nouns) >= size:
                    parts = [noun.surface() for noun in nouns[-size:]]
                    words.append("".join(parts))
                    if splits is not None:
                        splits.setdefault("".join(parts), [part for part in parts if len(part) > 1])
        else:
            nouns = []
        if ALNUM.match(surface):
            run = run + surface if morpheme.begin() == run_end else surface
            run_end = morpheme.end()
            if run != surface:
                words.append(run)
        if morpheme.part_of_speech()[0] not in CONTENT_POS:
            continue
        parts = [morpheme] + [part for part in morpheme.split(SplitMode.A) if part.surface() != morpheme.surface()]
        if splits is not None and len(parts) > 2:  # single characters (先, 書) would find too much
            splits[morpheme.surface()] = [part.surface() for part in parts[1:]
                                          if part.part_of_speech()[0] in CONTENT_POS and len(part.surface()) > 1]
        for part in parts:
            surface = part.surface().strip()
            if not surface or surface in stop or part.part_of_speech()[0] not in CONTENT_POS:
                continue
            if len(surface) == 1 and surface.isascii() and surface.isalpha():
                continue  # a lone letter (the Q of QC) is only part of a word
            words.append(surface)
            base = part.dictionary_form()
            if base != surface and base not in stop and part.part_of_speech()[0] in {"動詞", "形容詞"}:
                words.append(base)
            if readings is not None and HAN.search(surface):
                reading = part.reading_form()
                if KANA.match(reading) and len(reading) >= 2:
                    readings.setdefault(reading, set()).add(surface)
    return words


def english_words(text: str) -> list[str]:
    """Words of English text as written (lower case, possessive 's dropped)."""
    words = []
    for word in EN_WORD.findall(normalise(text)):
        word = re.sub(r"['’]s$", "", word).replace("’", "'")
        if word:
            words.append(word)
    return words


class _Vocabulary:
    """Words numbered in the order first seen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def counts(self, words: Iterable[str]) -> list[int]:
        """[word id, count, word id, count, …] in first-seen order."""
        counted = Counter(self.ids.setdefault(word, len(self.ids)) for word in words)
        return [number for pair in counted.items() for number in pair]

    @property
    def words(self) -> list[str]:
        return list(self.ids)


class Synonyms(BaseModel):
    """Groups of words readers type for the same thing, per language (handbook/search_synonyms.yml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ja: list[Annotated[list[Keyword], Field(min_length=2, max_length=20)]] = Field(max_length=500)
    en: list[Annotated[list[Keyword], Field(min_length=2, max_length=20)]] = Field(max_length=500)


def load_synonyms(data_dir: Path) -> Synonyms:
    """The synonym groups, validated like every data file (a DataError names file, line and key)."""
    return load_yaml(data_dir / SYNONYMS_FILE, Synonyms)


def build_index(material: Mapping[str, Any], language: str, keywords: Mapping[str, list[str]],
                synonyms: list[list[str]] | None = None) -> dict[str, Any]:
    """The handbook's search index from Material's, for one language.

    ``keywords`` maps a page's location (``crisis/reporting.html``) to its search keywords;
    ``synonyms`` are this language's groups of words that stand for the same thing.
    """
    vocabulary = _Vocabulary()
    readings: dict[str, set[str]] = {}
    splits: dict[str, list[str]] = {}

    def words(text: str) -> list[str]:
        return japanese_words(text, readings, splits) if language == "ja" else english_words(text)

    docs: list[dict[str, Any]] = []
    page_of: dict[str, int] = {}
    for doc in material["docs"]:
        location = str(doc["location"])
        page = location.split("#", 1)[0]
        text = plain_text(str(doc.get("text", "")))
        title = html.unescape(plain_text(str(doc.get("title", ""))))
        # Stored escaped, as Material's own index is: no markup, even from a hostile company profile,
        # is ever in the file; the worker decodes it and escapes whatever it shows.
        entry: dict[str, Any] = {"location": location, "title": html.escape(title, quote=False),
                                 "text": html.escape(text[:TEXT_LIMIT], quote=False)}
        fields: dict[str, list[int]] = {}
        if page not in page_of:  # the page's first section carries the page-wide fields
            page_of[page] = len(docs)
            fields["t"] = vocabulary.counts(words(title))
            fields["k"] = vocabulary.counts(word for keyword in keywords.get(page, []) for word in words(keyword))
            # A query that is one of the page's keywords as a whole puts the page first ("best bet").
            entry["kw"] = sorted({" ".join(normalise(keyword).split()) for keyword in keywords.get(page, [])})
        else:
            entry["page"] = page_of[page]
            fields["h"] = vocabulary.counts(words(title))
        fields["b"] = vocabulary.counts(words(text))
        entry["f"] = {name: values for name, values in fields.items() if values}
        docs.append(entry)
    ids = vocabulary.ids
    config = dict(material.get("config", {}))
    config["handbook"] = {
        "version": FORMAT_VERSION,
        "lang": language,
        "words": vocabulary.words,
        "readings": {reading: sorted(ids[surface] for surface in surfaces if surface in ids)
                     for reading, surfaces in sorted(readings.items())},
        "splits": {str(ids[whole]): [ids[part] for part in parts if part in ids]
                   for whole, parts in sorted(splits.items()) if whole in ids and len(parts) > 1},
        "stopwords": EN_STOPWORDS if language == "en" else JA_STOPWORDS,
        "synonyms": [[normalise(word) for word in group] for group in synonyms or []],
    }
    return {"config": config, "docs": docs}


def deferred_stub(index: Mapping[str, Any]) -> dict[str, Any]:
    """What Material fetches over HTTP: the index's settings and where the worker finds the rest
    (relative to the worker, assets/javascripts/search-worker.js)."""
    config = {key: value for key, value in index["config"].items() if key != "handbook"}
    return {"config": {**config, "handbook": {"version": FORMAT_VERSION, "deferred": f"../../search/{FULL_INDEX}"}},
            "docs": []}
