"""Presentation mode: the slide sequences a host can project, and their QR codes.

A sequence is an ordered list of slides; each slide shows one theme, lesson or case. Every
sequence becomes one generated page (``presentatie/<id>/``) that holds all its slides as static
HTML, so moving between slides is instant and works from ``file://``. The host's own sequence
(``presentatie/eigen/?reeks=les-a,casus-b``) holds every slide and shows the chosen ones.
Nothing here knows MkDocs.
"""

from __future__ import annotations

import html
import ipaddress
import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal
from urllib.parse import urlsplit

import segno
from markupsafe import Markup

from leren import addresses
from leren.structure import Case, Content, Lesson, Theme, Trajectory

Item = Theme | Lesson | Case

# Title lengths (characters) up to which a slide uses a size step; longer titles get the last.
# The sizes themselves are in presentatie.css; every step keeps a lesson title at 1920x1080 at
# least 5% of the screen height, and the tests check that nothing overflows, and no control
# covers a slide, at ten screen sizes from 800x600 to 3840x2160 and on a phone.
SIZE_STEPS = ((45, "s"), (100, "m"), (180, "l"))


@dataclass(frozen=True)
class Slide:
    item: Item

    @property
    def key(self) -> str:
        return addresses.slide_key(self.item)

    @property
    def kind(self) -> str:
        return addresses.slide_kind(self.item)

    @property
    def is_theme(self) -> bool:
        return isinstance(self.item, Theme)

    @property
    def is_case(self) -> bool:
        return isinstance(self.item, Case)

    @property
    def title(self) -> str:
        return self.item.fields.title

    @property
    def size(self) -> str:
        return title_size(self.title)


@dataclass(frozen=True)
class Sequence:
    """A deck of slides. Its title and description are words, in overrides/partials/lve-labels.html
    and lve-page-words.html, chosen by its kind."""

    id: str
    kind: Literal["theme", "case", "trajectory", "all", "own"]
    # The theme, case or trajectory the deck presents; the other decks have none.
    item: Theme | Case | Trajectory | None
    slides: tuple[Slide, ...]

    @property
    def src_uri(self) -> str:
        return addresses.deck_src_uri(self.id)

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {slide.key: number for number, slide in enumerate(self.slides, start=1)}

    def index_of(self, item: Item) -> int:
        """The 1-based slide number of an item in this sequence (looked up: every page of a
        sequence asks, so a search through the slides would make the build quadratic)."""
        return self._numbers[Slide(item).key]


def title_size(text: str) -> str:
    for limit, name in SIZE_STEPS:
        if len(text) <= limit:
            return name
    return "xl"


class Presentations:
    """Every ready-made sequence of the content, and which one an item's page presents.

    The publication's sequences (per theme, all its lessons, per case) hold its own trajectory
    only, so they stay as the publication is, whatever is added; each other trajectory has one
    sequence of its lessons, and its cases their own."""

    def __init__(self, content: Content) -> None:
        self.content = content
        publication = content.publication_content
        self.themes = [
            theme_sequence(publication, theme) for theme in publication.themes_in_order()
        ]
        self.all_lessons = Sequence(
            addresses.ALL_LESSONS_DECK,
            "all",
            None,
            tuple(Slide(lesson) for lesson in publication.lessons_in_order()),
        )
        self.cases = [case_sequence(content, case) for case in content.cases_in_order()]
        self.trajectories = [
            trajectory_sequence(content, trajectory)
            for trajectory in content.other_trajectories()
            if content.lessons_of_trajectory(trajectory)
        ]
        self.own = Sequence(
            addresses.OWN_DECK,
            "own",
            None,
            tuple(_own_slides(content)),
        )
        self._by_id = {seq.id: seq for seq in self.sequences()}

    def sequences(self) -> list[Sequence]:
        return [*self.themes, self.all_lessons, *self.trajectories, *self.cases, self.own]

    def sequence(self, sequence_id: str) -> Sequence:
        return self._by_id[sequence_id]

    def start_of(self, item: Item) -> tuple[Sequence, int]:
        """The sequence an item's page presents, and the item's slide number in it: a lesson in
        its theme's sequence, a theme at its own start, a case with the lessons it illustrates."""
        if isinstance(item, Lesson):
            trajectory = self.content.trajectory_of(item)
            sequence = self.sequence(
                addresses.deck_id(self.content.theme_of(item))
                if trajectory is self.content.publication
                else addresses.deck_id(trajectory)
            )
        else:
            sequence = self.sequence(addresses.deck_id(item))
        return sequence, sequence.index_of(item)

    @staticmethod
    def is_local(url: str) -> bool:
        return is_local_address(url)

    @staticmethod
    def address_parts(url: str) -> list[str]:
        return address_parts(url)


def _own_slides(content: Content) -> list[Slide]:
    """Every slide a host can choose: each theme with the publication's lessons, its cases, then
    every other trajectory's lessons and cases."""
    publication = content.publication_content
    slides: list[Slide] = []
    for theme in publication.themes_in_order():
        slides.append(Slide(theme))
        slides += [Slide(lesson) for lesson in publication.lessons_of_theme(theme)]
    slides += [Slide(case) for case in publication.cases_in_order()]
    for trajectory in content.other_trajectories():
        slides += [Slide(lesson) for lesson in content.lessons_of_trajectory(trajectory)]
        slides += [Slide(case) for case in content.cases_of_trajectory(trajectory)]
    return slides


def trajectory_sequence(content: Content, trajectory: Trajectory) -> Sequence:
    lessons = content.lessons_of_trajectory(trajectory)
    return Sequence(
        addresses.deck_id(trajectory),
        "trajectory",
        trajectory,
        tuple(Slide(lesson) for lesson in lessons),
    )


def theme_sequence(content: Content, theme: Theme) -> Sequence:
    return Sequence(
        addresses.deck_id(theme),
        "theme",
        theme,
        (Slide(theme), *(Slide(lesson) for lesson in content.lessons_of_theme(theme))),
    )


def case_sequence(content: Content, case: Case) -> Sequence:
    lessons = content.lessons_of_case(case)
    return Sequence(
        addresses.deck_id(case),
        "case",
        case,
        (Slide(case), *(Slide(lesson) for lesson in lessons)),
    )


def is_local_address(url: str) -> bool:
    """Whether an address only opens on the computer that serves it (``mkdocs serve`` sets its
    own, http://127.0.0.1:8000/, as site_url): a QR code to it is no use to a phone in the room."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return True
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def address_parts(url: str) -> list[str]:
    """An address as a caption shows it, cut after every slash (the only places it may break):
    'https://example.org/les/a/' gives ['example.org/', 'les/', 'a/']."""
    rest = url.split("://", 1)[-1]
    return [part + "/" for part in rest.rstrip("/").split("/")]


@cache
def qr_svg(url: str, label: str) -> Markup:
    """A QR code for ``url`` as inline SVG, drawn at build time, named for screen readers
    (markup the build made itself, so marked safe for an autoescaping template)."""
    code = segno.make(url, error="m", micro=False, boost_error=True)
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000000", light="#ffffff", svgclass="lve-qr"
    )
    svg = re.sub(r"\s*<title>.*?</title>", "", svg)
    return Markup(
        svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)
    )
