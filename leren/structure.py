"""The content model: themes, lessons, case examples and organisations, and the links between them.

The front-matter classes (``*Fields``) are the schema editors write against; the item classes add
what comes from the file itself (its id, its path, its Markdown body). Nothing here knows MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


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
    """A participating organisation (``organisations/<id>.yml``)."""

    name: Text = Field(description="Volledige naam.")
    short_name: Text = Field(description="Korte naam voor lijsten en kaarten.")
    form: Text = Field(description="Vorm (tabel 'Profiel').")
    governance: Text = Field(description="Bestuur (tabel 'Profiel').")
    inhabitants: int = Field(gt=0, description="Aantal inwoners (een getal, zonder punten).")
    history: Text = Field(description="Historie (tabel 'Profiel').")
    phase: Text = Field(description="Fase organisatie (tabel 'Profiel').")
    intro: Text = Field(description="Introductie van de organisatie (Markdown).")


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
    period: Text = Field(description="Periode, alleen zoals de tekst die noemt.")
    facts: list[Fact] = Field(default_factory=list, description="Kerngegevens: datums en bedragen.")
    tags: list[Text] = Field(default_factory=list, description="Onderwerpen uit tags.yml.")


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
    position: int = Field(ge=1, description="Plaats van de les binnen het thema: 1, 2, 3, ...")
    cases: list[Id] = Field(
        default_factory=list, description="Ids van de praktijkvoorbeelden die de les illustreren."
    )
    tags: list[Text] = Field(default_factory=list, description="Onderwerpen uit tags.yml.")


@dataclass(frozen=True)
class Source:
    """Where an item was written: a path relative to the content root, and its front matter's lines."""

    path: str
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)
    first_line: int = 1

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.first_line)

    def line_of_loc(self, loc: tuple[str | int, ...]) -> int:
        """The line of a nested field, or of the nearest enclosing field that has one."""
        for end in range(len(loc), 0, -1):
            line = self.field_lines.get(loc_key(loc[:end]))
            if line is not None:
                return line
        return self.first_line


def loc_key(loc: tuple[str | int, ...]) -> str:
    """'facts.1.what' for ('facts', 1, 'what'): how nested fields are named in ``field_lines``."""
    return ".".join(str(part) for part in loc)


@dataclass(frozen=True)
class Theme:
    id: str
    fields: ThemeFields
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

    The orderings and reverse links are computed once, so pages can ask for them in O(1) and a
    site with thousands of lessons still builds in linear time.
    """

    themes: dict[str, Theme]
    lessons: dict[str, Lesson]
    cases: dict[str, Case]
    organisations: dict[str, Organisation]
    tags: list[str]

    def __post_init__(self) -> None:
        self._themes = sorted(self.themes.values(), key=lambda theme: theme.fields.number)
        by_theme: dict[str, list[Lesson]] = {theme.id: [] for theme in self._themes}
        for lesson in self.lessons.values():
            by_theme[lesson.fields.theme].append(lesson)
        for lessons in by_theme.values():
            lessons.sort(key=lambda lesson: (lesson.fields.position, lesson.id))
        self._by_theme = by_theme
        self._number_in_theme = {
            lesson.id: number
            for lessons in by_theme.values()
            for number, lesson in enumerate(lessons, start=1)
        }
        self._lessons = [lesson for theme in self._themes for lesson in by_theme[theme.id]]
        self._index = {lesson.id: index for index, lesson in enumerate(self._lessons)}
        by_case: dict[str, list[Lesson]] = {case_id: [] for case_id in self.cases}
        for lesson in self._lessons:
            for case_id in lesson.fields.cases:
                by_case[case_id].append(lesson)
        self._by_case = by_case
        self._cases = sorted(self.cases.values(), key=self._first_appearance)
        self._by_organisation: dict[str, list[Case]] = {org: [] for org in self.organisations}
        for case in self._cases:
            if case.fields.organisation:
                self._by_organisation[case.fields.organisation].append(case)

    def _first_appearance(self, case: Case) -> tuple[int, int, str]:
        lessons = self._by_case[case.id]
        if not lessons:
            return (len(self._lessons), 0, case.id)
        first = lessons[0]
        return (self._index[first.id], first.fields.cases.index(case.id), case.id)

    def themes_in_order(self) -> list[Theme]:
        return self._themes

    def lessons_of_theme(self, theme: Theme) -> list[Lesson]:
        return self._by_theme[theme.id]

    def number_in_theme(self, lesson: Lesson) -> int:
        """1 for the theme's first lesson, and so on."""
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
        return self.organisations[org_id] if org_id else None

    def cases_of_organisation(self, organisation: Organisation) -> list[Case]:
        return self._by_organisation[organisation.id]

    def organisations_in_order(self) -> list[Organisation]:
        return sorted(self.organisations.values(), key=lambda org: org.fields.short_name)

    def items_with_tag(self, tag: str) -> list[Lesson | Case]:
        items: list[Lesson | Case] = [*self._lessons, *self._cases]
        return [item for item in items if tag in item.fields.tags]

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The previous and next lesson in reading order, across themes."""
        index = self._index[lesson.id]
        previous = self._lessons[index - 1] if index > 0 else None
        following = self._lessons[index + 1] if index + 1 < len(self._lessons) else None
        return previous, following
