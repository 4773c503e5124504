"""Search that forgives: other spellings and Dutch word forms in Material's search index.

Material's search (lunr, in the reader's browser) finds a page when what the reader types is the
start of a word on it, letter for letter: "sudwest" misses "Súdwest-Fryslân", "gemeenten" misses
a page that says "gemeente", "calimerosyndroom" misses "Calimero"-syndroom. Its query side cannot
be changed without replacing Material's search worker, so the build adds the other spellings to
the index instead: every indexed section gets, per field (title, text, tags), a hidden field
``<field>_forms`` holding its words without accents or apostrophes, its hyphenated compounds
written as one word, and every form of its words found elsewhere on the site that has the same
Dutch stem (Snowball). What a reader types then starts one of those. Exact spellings still rank
first: the added fields weigh half of their field.

Words are split with Material's own separator (from the index's configuration, set per language
in overrides/partials/languages/), so the build and the browser split text alike.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]

# The fields Material indexes; each gets a sibling "<field>_forms" weighing FORMS_WEIGHT as much.
FIELDS = ("title", "text", "tags")
FORMS_WEIGHT = 0.5
LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
TAG = re.compile(r"<[^>]*>")
APOSTROPHES = re.compile("['‘’`´]")
# A compound written with hyphens, quotes allowed around them: “Calimero”-syndroom, SED-gemeenten.
COMPOUND = re.compile(rf"[{LETTERS}]+(?:[”’\"']?-[“‘\"']?[{LETTERS}]+)+")
# lunr-languages' Dutch stop words, which Material's search leaves out of the index: they join no
# word forms (Dutch stemming would otherwise make "over" a form of "overheid").
_STOP_WORDS_TEXT = """
aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een
eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is
ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder
ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen
wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_stem = snowballstemmer.stemmer("dutch").stemWord


@cache
def fold(word: str) -> str:
    """A word as a reader may type it: no accents, no apostrophes ("Fryslân's" -> "fryslans")."""
    decomposed = unicodedata.normalize("NFKD", APOSTROPHES.sub("", word.lower()))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def stem(word: str) -> str:
    """The Dutch stem of a word as typed without accents: 'gemeenten' and 'gemeente' share one."""
    return str(_stem(fold(word)))


class Vocabulary:
    """The words of the whole site, grouped by their Dutch stem."""

    def __init__(self, separator: str) -> None:
        self.separator = re.compile(separator)
        self.forms: dict[str, set[str]] = defaultdict(set)
        # A word's forms, once the whole site is learnt: common words recur on thousands of pages.
        self._forms_of_word: dict[str, frozenset[str]] = {}

    def words(self, text: str) -> set[str]:
        """The words Material's search indexes in a field's text, lowercased."""
        words: set[str] = set()
        # White space always separates, and a piece of letters and digits only holds no
        # separator: the pattern (slow on long texts) only sees the pieces with punctuation.
        for piece in text.lower().split():
            if piece.isalnum():
                words.add(piece)
            else:
                words.update(word for word in self.separator.split(piece) if word)
        return words

    def learn(self, words: Iterable[str]) -> None:
        for word in words:
            if word not in STOP_WORDS:
                self.forms[stem(word)].update((word, fold(word)))

    def forms_of(self, text: str, own: set[str]) -> list[str]:
        """The other spellings and word forms that should find a field's text (whose words are
        ``own``), sorted."""
        forms: set[str] = set()
        for word in own - STOP_WORDS:
            forms |= self._word_forms(word)
        # A compound never spans white space: only the few pieces with a hyphen need the pattern.
        for piece in text.split():
            if "-" in piece:
                for compound in COMPOUND.findall(piece):
                    joined = re.sub(f"[^{LETTERS}]", "", compound)
                    forms.update((joined.lower(), fold(joined)))
        return sorted(forms - own - STOP_WORDS)

    def _word_forms(self, word: str) -> frozenset[str]:
        forms = self._forms_of_word.get(word)
        if forms is None:
            forms = frozenset({fold(word), *self.forms.get(stem(word), ())})
            self._forms_of_word[word] = forms
        return forms


def text_of(value: str | list[str]) -> str:
    """A field's value as the text Material's search indexes: tags joined, markup left out."""
    return TAG.sub(" ", " ".join(value) if isinstance(value, list) else value)


def add_word_forms(index: dict[str, Any]) -> dict[str, Any]:
    """Material's search index (search_index.json, parsed) with a "<field>_forms" field added."""
    config = index["config"]
    vocabulary = Vocabulary(config["separator"])
    # Each field's words are split once and kept, until their forms are known, as tuples of the
    # site's one copy of each word: sets of fresh strings would take several times the memory.
    fields: list[tuple[dict[str, Any], str, tuple[str, ...]]] = []
    site_words: dict[str, str] = {}
    for doc in index["docs"]:
        for field in FIELDS:
            if doc.get(field):
                split = vocabulary.words(text_of(doc[field]))
                fields.append((doc, field, tuple(site_words.setdefault(w, w) for w in split)))
    vocabulary.learn(site_words)
    for doc, field, words in fields:
        forms = vocabulary.forms_of(text_of(doc[field]), set(words))
        if forms:
            doc[f"{field}_forms"] = " ".join(forms)
    for field in FIELDS:
        boost = config["fields"].get(field, {}).get("boost", 1.0)
        config["fields"][f"{field}_forms"] = {"boost": boost * FORMS_WEIGHT}
    return index


def add_word_forms_to(path: Path) -> None:
    """Rewrite a built site's search index with the word forms added (as Material writes it)."""
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(add_word_forms(index), separators=(",", ":")), encoding="utf-8")
