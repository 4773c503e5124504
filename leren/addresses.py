"""The address book: where every item of the content lives, defined once.

Every kind of item (trajectory, theme, lesson, case, organisation, topic, deck, slide) gets its
page file here (its ``src_uri`` among the site's sources, from which MkDocs makes the URL), and a
slide its key in a host's own sequence. The plugin, the publication, the presentations and, through
the plugin, the templates and their scripts take addresses from here; a test fails if a URL folder
or a key prefix is typed anywhere else. Nothing here knows MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from leren.structure import Case, Content, Lesson, Organisation, Theme, Trajectory

Item = Trajectory | Theme | Lesson | Case | Organisation
# What a slide can show.
Presentable = Theme | Lesson | Case

# The Dutch URL folder of each kind of item's page.
FOLDERS: dict[type, str] = {
    Trajectory: "trajecten",
    Theme: "themas",
    Lesson: "lessen",
    Case: "casussen",
    Organisation: "organisaties",
}
TOPICS_FOLDER = "onderwerpen"
DECKS_FOLDER = "presentatie"
DOWNLOADS_FOLDER = "downloads"

# The key of a slide in a host's own sequence (?reeks=les-lef-en-geduld,casus-stroomlijn), also
# the id of the deck a theme or case opens; a trajectory's deck has its own prefix. The PDF's
# anchors use the same words ('#les-lef-en-geduld'), with one for organisations.
SLIDE_PREFIXES: dict[type, str] = {Theme: "thema", Lesson: "les", Case: "casus"}
TRAJECTORY_DECK_PREFIX = "traject"
ANCHOR_PREFIXES: dict[type, str] = {**SLIDE_PREFIXES, Organisation: "organisatie"}

# The decks that belong to no one item.
ALL_LESSONS_DECK = "alle-lessen"
OWN_DECK = "eigen"

OFFLINE_DOWNLOAD = f"{DOWNLOADS_FOLDER}/leren-van-elkaar-offline.zip"


@dataclass(frozen=True)
class Overviews:
    """The page files of the generated overviews, by name (``leren.overviews.lessons``)."""

    lessons: str = f"{FOLDERS[Lesson]}/index.md"
    cases: str = f"{FOLDERS[Case]}/index.md"
    organisations: str = f"{FOLDERS[Organisation]}/index.md"
    topics: str = f"{TOPICS_FOLDER}/index.md"
    prepare: str = f"{DECKS_FOLDER}/index.md"


OVERVIEWS = Overviews()


def src_uri(item: Item) -> str:
    """The page file of an item ('lessen/lef-en-geduld.md')."""
    return f"{FOLDERS[type(item)]}/{item.id}.md"


def src_uri_in(kind: type, name: str) -> str:
    """The page file an item of ``kind`` called ``name`` would have (for a file that does not
    load yet, while previewing)."""
    return f"{FOLDERS[kind]}/{name}.md"


def public_path(item: Item) -> str:
    """An item's path on the published site, which always has directory URLs ('lessen/x/')."""
    return src_uri(item).removesuffix(".md") + "/"


def topic_src_uri(slug: str) -> str:
    return f"{TOPICS_FOLDER}/{slug}.md"


def deck_src_uri(deck_id: str) -> str:
    return f"{DECKS_FOLDER}/{deck_id}.md"


def slide_key(item: Presentable) -> str:
    """A slide's key ('les-lef-en-geduld'), the same in every deck that shows the item."""
    return f"{SLIDE_PREFIXES[type(item)]}-{item.id}"


def slide_kind(item: Presentable) -> str:
    """The word that says what a slide shows ('les'), as its CSS class names it."""
    return SLIDE_PREFIXES[type(item)]


def deck_id(item: Theme | Case | Trajectory) -> str:
    """The id of the deck of a theme (with its lessons), a case (with the lessons it illustrates)
    or a later trajectory (its lessons)."""
    if isinstance(item, Trajectory):
        return f"{TRAJECTORY_DECK_PREFIX}-{item.id}"
    return slide_key(item)


def anchor(item: Theme | Lesson | Case | Organisation) -> str:
    """An item's anchor in the PDF's single document ('les-lef-en-geduld')."""
    return f"{ANCHOR_PREFIXES[type(item)]}-{item.id}"


def items_by_src_uri(content: Content) -> dict[str, Item]:
    """Every item by the page file that shows it: the reverse of `src_uri`."""
    every: list[Item] = [
        *content.trajectories.values(),
        *content.themes.values(),
        *content.lessons.values(),
        *content.cases.values(),
        *content.organisations.values(),
    ]
    return {src_uri(item): item for item in every}
