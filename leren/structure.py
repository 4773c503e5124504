"""The content model: trajectories, themes, lessons, case examples and organisations, and the
links between them.

The front-matter classes (``*Fields``) are the schema editors write against; the item classes add
what comes from the file itself (its id, its path, its Markdown body). Nothing here knows MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


def _month(value: str) -> str:
    if not re.match(MONTH_PATTERN, value):
        raise PydanticCustomError(
            "month",
            "schrijf de maand als JJJJ-MM tussen aanhalingstekens, zoals \"2019-06\", niet '{value}'",
            {"value": value},
        )
    return value


# A month as the publication's date: "2017-06". Checked by hand for a Dutch message; the pattern
# is also in the JSON Schema for editors' tools.
Month = Annotated[str, AfterValidator(_month), Field(json_schema_extra={"pattern": MONTH_PATTERN})]


class _Fields(BaseModel):
    # Strict: "drie" is not a position and 2017 is not a period; editors get told, not guessed at.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ThemeFields(_Fields):
    """A theme: one chapter of the publication (``themes/<id>.yml``)."""

    title: Text = Field(description="Titel van het thema, zoals het hoofdstuk heet.")
    number: int = Field(ge=1, description="Nummer van het hoofdstuk; bepaalt de volgorde.")
    summary_label: Text = Field(description="Kopje in de samenvatting, bijvoorbeeld 'Over leren'.")
    summary: Text = Field(description="Alinea uit de samenvatting die de lessen inleidt.")
    intro: Text = Field(description="Inleiding van het hoofdstuk (Markdown).")


class OrganisationFields(_Fields):
    """A participating organisation (``organisations/<id>.yml``): a municipality or, in later
    trajectories, a partner such as a hospital, which has no inhabitants or council."""

    name: Text = Field(description="Volledige naam.")
    short_name: Text = Field(description="Korte naam voor lijsten en kaarten.")
    form: Text = Field(description="Vorm (tabel 'Profiel').")
    governance: Text | None = Field(
        default=None, description="Bestuur (tabel 'Profiel'); weglaten als het niet bekend is."
    )
    inhabitants: int | None = Field(
        default=None,
        gt=0,
        description="Aantal inwoners (een getal, zonder punten); weglaten voor een partner "
        "zonder inwoners, zoals een ziekenhuis.",
    )
    history: Text | None = Field(
        default=None, description="Historie (tabel 'Profiel'); weglaten als het niet bekend is."
    )
    phase: Text | None = Field(
        default=None,
        description="Fase organisatie (tabel 'Profiel'); weglaten als het niet bekend is.",
    )
    intro: Text = Field(description="Introductie van de organisatie (Markdown).")


# The publication in which a trajectory's lessons appeared. (No docstring: pydantic would put it,
# in English, into the JSON Schema that editors' tools show.)
class PublicationFields(_Fields):
    title: Text = Field(description="Titel van de publicatie.")
    date: Month = Field(description='Maand van verschijnen, als JJJJ-MM, zoals "2019-06".')
    publisher: Text = Field(description="Uitgever, voluit.")
    publisher_short: Text | None = Field(
        default=None, description="Korte naam van de uitgever, zoals 'VGS'; weglaten mag."
    )


class TrajectoryFields(_Fields):
    """A trajectory (``trajectories/<id>.yml``): a group that learned together."""

    title: Text = Field(description="Naam van het traject, zoals de bron het noemt.")
    period: Text = Field(description="Periode, alleen zoals de bron die noemt.")
    participants: list[Id] = Field(
        min_length=1,
        description="Ids van de deelnemende organisaties (bestandsnamen in organisations/).",
    )
    intro: Text = Field(description="Korte beschrijving van het traject (Markdown).")
    publication: PublicationFields | None = Field(
        default=None,
        description="De publicatie waarin de lessen verschenen; weglaten zolang er geen is. "
        "Aan een traject met een verschenen publicatie voeg je geen lessen toe.",
    )


class Fact(_Fields):
    when: Text = Field(description="Datum, jaar of kort label.")
    what: Text = Field(description="Wat er toen gebeurde of wat het getal betekent.")


class CaseFields(_Fields):
    """A case example (front matter of ``cases/<id>.md``)."""

    title: Text = Field(max_length=120, description="Naam van het praktijkvoorbeeld.")
    organisation: Id | None = Field(
        default=None,
        description="Id van de deelnemende organisatie (bestandsnaam in organisations/); "
        "weglaten als het voorbeeld van buiten de groep komt.",
    )
    region: Text = Field(description="Gemeente of regio, zoals de tekst die noemt.")
    period: Text | None = Field(
        default=None,
        description="Periode, alleen zoals de tekst die noemt; weglaten als de tekst die niet noemt.",
    )
    facts: list[Fact] = Field(default_factory=list, description="Kerngegevens: datums en bedragen.")
    tags: list[Text] = Field(default_factory=list, description="Onderwerpen uit tags.yml.")
    trajectory: Id = Field(
        description="Id van het traject waaruit het voorbeeld komt (bestandsnaam in trajectories/)."
    )


# The longest lesson sentence in the publication has 283 characters; a title much longer than
# that is a paragraph, which no card, page heading or projected slide can carry.
MAX_TITLE_LENGTH = 300


class LessonFields(_Fields):
    """A lesson (front matter of ``lessons/<id>.md``)."""

    title: Text = Field(
        max_length=MAX_TITLE_LENGTH,
        description="De les in één zin, zoals de samenvatting die noemt (hoogstens 300 tekens).",
    )
    theme: Id = Field(description="Id van het thema (bestandsnaam in themes/).")
    position: int = Field(
        ge=1, description="Plaats van de les binnen haar traject en thema: 1, 2, 3, ..."
    )
    cases: list[Id] = Field(
        default_factory=list, description="Ids van de praktijkvoorbeelden die de les illustreren."
    )
    tags: list[Text] = Field(default_factory=list, description="Onderwerpen uit tags.yml.")
    trajectory: Id = Field(
        description="Id van het traject waaruit de les komt (bestandsnaam in trajectories/)."
    )


@dataclass(frozen=True)
class Source:
    """Where an item was written: a path relative to the content root, and its front matter's lines."""

    path: str
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)

    def line_of(self, name: str) -> int:
        """The line of a field; a field the file does not write points at its first line."""
        return self.field_lines.get(name, 1)

    def line_of_loc(self, loc: tuple[str | int, ...]) -> int:
        """The line of a nested field, or of the nearest enclosing field that has one."""
        for end in range(len(loc), 0, -1):
            line = self.field_lines.get(loc_key(loc[:end]))
            if line is not None:
                return line
        return 1


def loc_key(loc: tuple[str | int, ...]) -> str:
    """'facts.1.what' for ('facts', 1, 'what'): how nested fields are named in ``field_lines``."""
    return ".".join(str(part) for part in loc)


@dataclass(frozen=True)
class Theme:
    id: str
    fields: ThemeFields
    source: Source


@dataclass(frozen=True)
class Trajectory:
    id: str
    fields: TrajectoryFields
    source: Source


@dataclass(frozen=True)
class Organisation:
    id: str
    fields: OrganisationFields
    source: Source


@dataclass(frozen=True)
class Case:
    id: str
    fields: CaseFields
    body: str
    source: Source


@dataclass(frozen=True)
class Lesson:
    id: str
    fields: LessonFields
    body: str
    source: Source


@dataclass
class Content:
    """All content, validated, with the links between the collections resolved both ways.

    Themes are shared by all trajectories; a lesson's number in its theme ("les 3 van 5") counts
    within its trajectory. The trajectory of the site's publication comes first in every ordering,
    so the publication reads as it was written, and later trajectories follow.

    The orderings and reverse links are computed once, so pages can ask for them in O(1) and a
    site with thousands of lessons still builds in linear time.
    """

    themes: dict[str, Theme]
    lessons: dict[str, Lesson]
    cases: dict[str, Case]
    organisations: dict[str, Organisation]
    tags: list[str]
    trajectories: dict[str, Trajectory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._themes = sorted(self.themes.values(), key=lambda theme: theme.fields.number)
        self._trajectories = sorted(self.trajectories.values(), key=_trajectory_order)
        rank = {trajectory.id: index for index, trajectory in enumerate(self._trajectories)}
        by_theme: dict[str, list[Lesson]] = {theme.id: [] for theme in self._themes}
        for lesson in self.lessons.values():
            by_theme[lesson.fields.theme].append(lesson)
        for lessons in by_theme.values():
            lessons.sort(
                key=lambda lesson: (
                    rank.get(lesson.fields.trajectory, len(rank)),
                    lesson.fields.trajectory,
                    lesson.fields.position,
                    lesson.id,
                )
            )
        self._by_theme = by_theme
        by_group: dict[tuple[str, str], list[Lesson]] = {}
        for theme in self._themes:
            for lesson in by_theme[theme.id]:
                by_group.setdefault((lesson.fields.trajectory, theme.id), []).append(lesson)
        self._by_group = by_group
        self._number_in_theme = {
            lesson.id: number
            for lessons in by_group.values()
            for number, lesson in enumerate(lessons, start=1)
        }
        # Reading order: trajectory by trajectory, and within one the themes in chapter order.
        self._lessons = sorted(
            (lesson for theme in self._themes for lesson in by_theme[theme.id]),
            key=lambda lesson: rank.get(lesson.fields.trajectory, len(rank)),
        )
        self._index = {lesson.id: index for index, lesson in enumerate(self._lessons)}
        by_case: dict[str, list[Lesson]] = {case_id: [] for case_id in self.cases}
        for lesson in self._lessons:
            for case_id in lesson.fields.cases:
                by_case[case_id].append(lesson)
        self._by_case = by_case
        self._cases = sorted(self.cases.values(), key=self._first_appearance)
        self._by_organisation: dict[str, list[Case]] = {org: [] for org in self.organisations}
        for case in self._cases:
            if case.fields.organisation in self._by_organisation:
                self._by_organisation[case.fields.organisation].append(case)
        self._lessons_of_trajectory: dict[str, list[Lesson]] = {t: [] for t in self.trajectories}
        for lesson in self._lessons:
            self._lessons_of_trajectory.setdefault(lesson.fields.trajectory, []).append(lesson)
        self._cases_of_trajectory: dict[str, list[Case]] = {t: [] for t in self.trajectories}
        for case in self._cases:
            self._cases_of_trajectory.setdefault(case.fields.trajectory, []).append(case)
        self._trajectories_of: dict[str, list[Trajectory]] = {org: [] for org in self.organisations}
        for trajectory in self._trajectories:
            for org_id in trajectory.fields.participants:
                if org_id in self._trajectories_of:
                    self._trajectories_of[org_id].append(trajectory)
        # Every participant's page compares it with the others: sorting per page would make the
        # build grow with the square of their number.
        self._participants = {
            trajectory.id: sorted(
                (
                    self.organisations[org]
                    for org in trajectory.fields.participants
                    if org in self.organisations
                ),
                key=lambda org: org.fields.short_name,
            )
            for trajectory in self._trajectories
        }

    def _first_appearance(self, case: Case) -> tuple[int, int, str]:
        lessons = self._by_case[case.id]
        if not lessons:
            return (len(self._lessons), 0, case.id)
        first = lessons[0]
        return (self._index[first.id], first.fields.cases.index(case.id), case.id)

    # Trajectories and the publication.

    def trajectories_in_order(self) -> list[Trajectory]:
        """Published trajectories first, by publication date; then the others, by title."""
        return self._trajectories

    @cached_property
    def publication(self) -> Trajectory | None:
        """The trajectory of the site's publication: the first one that published its lessons."""
        published = [t for t in self._trajectories if t.fields.publication is not None]
        return published[0] if published else None

    def other_trajectories(self) -> list[Trajectory]:
        """Every trajectory but the publication's, in order: the lessons added after it."""
        return [t for t in self._trajectories if t is not self.publication]

    @cached_property
    def publication_content(self) -> Content:
        """Only the publication's trajectory: its lessons, its cases and its participants, with
        the shared themes and tags. The PDF, the summary and the publication's slide decks are
        made from this, so whatever else is added, the publication stays as it appeared."""
        return self.restricted_to(self.publication)

    def restricted_to(self, trajectory: Trajectory | None) -> Content:
        if trajectory is None:
            return Content(self.themes, {}, {}, {}, self.tags, {})
        participants = set(trajectory.fields.participants)
        return Content(
            themes=self.themes,
            lessons={k: v for k, v in self.lessons.items() if v.fields.trajectory == trajectory.id},
            cases={k: v for k, v in self.cases.items() if v.fields.trajectory == trajectory.id},
            organisations={k: v for k, v in self.organisations.items() if k in participants},
            tags=self.tags,
            trajectories={trajectory.id: trajectory},
        )

    def trajectory_of(self, item: Lesson | Case) -> Trajectory:
        return self.trajectories[item.fields.trajectory]

    def lessons_of_trajectory(self, trajectory: Trajectory) -> list[Lesson]:
        """A trajectory's lessons in reading order (theme by theme)."""
        return self._lessons_of_trajectory[trajectory.id]

    def cases_of_trajectory(self, trajectory: Trajectory) -> list[Case]:
        return self._cases_of_trajectory[trajectory.id]

    def participants(self, trajectory: Trajectory) -> list[Organisation]:
        """A trajectory's participating organisations, by short name."""
        return self._participants[trajectory.id]

    def trajectories_of_organisation(self, organisation: Organisation) -> list[Trajectory]:
        return self._trajectories_of[organisation.id]

    # Themes and lessons.

    def themes_in_order(self) -> list[Theme]:
        return self._themes

    def lessons_of_theme(self, theme: Theme, trajectory: Trajectory | None = None) -> list[Lesson]:
        """The lessons filed under a theme: of one trajectory, or of all, trajectory by
        trajectory."""
        if trajectory is None:
            return self._by_theme[theme.id]
        return self._by_group.get((trajectory.id, theme.id), [])

    def siblings(self, lesson: Lesson) -> list[Lesson]:
        """The lessons of the same trajectory and theme, this one included."""
        return self._by_group[(lesson.fields.trajectory, lesson.fields.theme)]

    def number_in_theme(self, lesson: Lesson) -> int:
        """1 for the first lesson of its trajectory in its theme, and so on."""
        return self._number_in_theme[lesson.id]

    def lessons_in_order(self) -> list[Lesson]:
        return self._lessons

    def theme_of(self, lesson: Lesson) -> Theme:
        return self.themes[lesson.fields.theme]

    def cases_of_lesson(self, lesson: Lesson) -> list[Case]:
        return [self.cases[case_id] for case_id in lesson.fields.cases]

    def lessons_of_case(self, case: Case) -> list[Lesson]:
        return self._by_case[case.id]

    def cases_in_order(self) -> list[Case]:
        """Cases in the order the publication tells them: after the first lesson they illustrate."""
        return self._cases

    def organisation_of(self, case: Case) -> Organisation | None:
        org_id = case.fields.organisation
        return self.organisations.get(org_id) if org_id else None

    def cases_of_organisation(self, organisation: Organisation) -> list[Case]:
        return self._by_organisation[organisation.id]

    def organisations_in_order(self) -> list[Organisation]:
        return sorted(self.organisations.values(), key=lambda org: org.fields.short_name)

    def items_with_tag(self, tag: str) -> list[Lesson | Case]:
        items: list[Lesson | Case] = [*self._lessons, *self._cases]
        return [item for item in items if tag in item.fields.tags]

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The previous and next lesson in reading order, across themes, within its trajectory."""
        index = self._index[lesson.id]
        previous = self._lessons[index - 1] if index > 0 else None
        following = self._lessons[index + 1] if index + 1 < len(self._lessons) else None
        trajectory = lesson.fields.trajectory
        if previous and previous.fields.trajectory != trajectory:
            previous = None
        if following and following.fields.trajectory != trajectory:
            following = None
        return previous, following


def _trajectory_order(trajectory: Trajectory) -> tuple[int, str, str, str]:
    publication = trajectory.fields.publication
    date = publication.date if publication is not None else ""
    return (0 if publication else 1, date, trajectory.fields.title, trajectory.id)
