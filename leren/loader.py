"""Reads the content folders, validates every file and reports every problem at once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from leren.problems import Problem, Severity, did_you_mean
from leren.structure import (
    Case,
    CaseFields,
    Content,
    Lesson,
    LessonFields,
    Organisation,
    OrganisationFields,
    Source,
    Theme,
    ThemeFields,
    Trajectory,
    TrajectoryFields,
    loc_key,
)

LESSONS_DIR = "lessons"
CASES_DIR = "cases"
THEMES_DIR = "themes"
ORGANISATIONS_DIR = "organisations"
TRAJECTORIES_DIR = "trajectories"
TAGS_FILE = "tags.yml"

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Markup that would run script in a reader's browser; Markdown lets raw HTML through.
UNSAFE_MARKUP = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed)\b|<[^>]*\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE
)
# A body holding only a comment (as a new file from `leren nieuw` does) has no text to publish.
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Collection:
    folder: str
    suffix: str
    fields: type[BaseModel]
    has_body: bool
    noun: str


LESSONS = _Collection(LESSONS_DIR, ".md", LessonFields, True, "les")
CASES = _Collection(CASES_DIR, ".md", CaseFields, True, "praktijkvoorbeeld")
THEMES = _Collection(THEMES_DIR, ".yml", ThemeFields, False, "thema")
ORGANISATIONS = _Collection(ORGANISATIONS_DIR, ".yml", OrganisationFields, False, "organisatie")
TRAJECTORIES = _Collection(TRAJECTORIES_DIR, ".yml", TrajectoryFields, False, "traject")


@dataclass
class _Parsed:
    id: str
    # One of the *Fields models, chosen by the collection; typed loosely so that one loader
    # serves all four collections.
    fields: Any
    body: str
    source: Source


def load_content(root: Path) -> tuple[Content | None, list[Problem]]:
    """Load everything under ``root``. Returns no content when there is any error."""
    problems: list[Problem] = []
    # Ids of files that exist but failed validation still count as existing, so one broken file
    # does not also make every reference to it an error.
    existing: dict[str, set[str]] = {}
    parsed = {
        collection.folder: _load_collection(root, collection, problems, existing)
        for collection in (THEMES, ORGANISATIONS, TRAJECTORIES, CASES, LESSONS)
    }
    tags = _load_tags(root, problems)
    _check_references(parsed, existing, tags, problems)
    _check_trajectories(parsed, existing, problems)
    problems.sort(key=lambda problem: (problem.path, problem.line or 0))
    if any(problem.severity is Severity.ERROR for problem in problems):
        return None, problems
    content = Content(
        themes={p.id: Theme(p.id, p.fields, p.source) for p in parsed[THEMES_DIR]},
        organisations={
            p.id: Organisation(p.id, p.fields, p.source) for p in parsed[ORGANISATIONS_DIR]
        },
        cases={p.id: Case(p.id, p.fields, p.body, p.source) for p in parsed[CASES_DIR]},
        lessons={p.id: Lesson(p.id, p.fields, p.body, p.source) for p in parsed[LESSONS_DIR]},
        tags=tags,
        trajectories={p.id: Trajectory(p.id, p.fields, p.source) for p in parsed[TRAJECTORIES_DIR]},
    )
    return content, problems


def _load_collection(
    root: Path, collection: _Collection, problems: list[Problem], existing: dict[str, set[str]]
) -> list[_Parsed]:
    existing[collection.folder] = ids = set()
    folder = root / collection.folder
    if not folder.is_dir():
        problems.append(Problem(f"{collection.folder}/", None, "deze map ontbreekt"))
        return []
    items: list[_Parsed] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_dir() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix != collection.suffix or path.name.count(".") != 1:
            problems.append(Problem(relative, None, _wrong_file_message(collection, path)))
            continue
        ids.add(path.stem)
        item = _load_file(path, relative, collection, problems)
        if item is None:
            continue
        if item.id in seen:
            problems.append(
                Problem(
                    relative,
                    None,
                    f"de id '{item.id}' wordt ook gebruikt door {seen[item.id]}; "
                    "geef een van beide bestanden een andere naam",
                )
            )
            continue
        seen[item.id] = relative
        items.append(item)
    return items


def _wrong_file_message(collection: _Collection, path: Path) -> str:
    kind = "Markdown-bestanden (.md)" if collection.suffix == ".md" else "YAML-bestanden (.yml)"
    return (
        f"dit bestand wordt niet gebruikt: in {collection.folder}/ horen alleen {kind}. "
        f"Zet de inhoud in een bestand dat eindigt op '{collection.suffix}', of verwijder dit bestand"
    )


def _load_file(
    path: Path, relative: str, collection: _Collection, problems: list[Problem]
) -> _Parsed | None:
    item_id = path.stem
    if not ID_PATTERN.match(item_id):
        problems.append(
            Problem(
                relative,
                None,
                (
                    f"de bestandsnaam '{path.name}' is geen geldige id: gebruik alleen kleine letters, "
                    f"cijfers en streepjes, bijvoorbeeld '{slugify(item_id) or 'nieuwe-' + collection.noun}"
                    f"{collection.suffix}'"
                ),
            )
        )
        return None
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                relative,
                line,
                (
                    "dit bestand is geen UTF-8-tekst; sla het op als 'UTF-8' (in de meeste editors: "
                    "Opslaan als > Codering: UTF-8)"
                ),
            )
        )
        return None

    body = ""
    line_offset = 0
    yaml_text = text
    if collection.has_body:
        split = _split_front_matter(text, relative, problems)
        if split is None:
            return None
        yaml_text, body, body_line = split
        line_offset = 1
        if not HTML_COMMENT.sub("", body).strip():
            problems.append(
                Problem(
                    relative,
                    body_line,
                    (
                        f"de tekst van deze {collection.noun} is leeg; schrijf de tekst onder de "
                        "afsluitende '---'"
                    ),
                )
            )
        else:
            _check_markup(body, relative, body_line, problems)

    data, lines = _parse_yaml(yaml_text, relative, line_offset, problems)
    if data is None:
        return None
    source = Source(relative, lines)
    if not isinstance(data, dict):
        problems.append(
            Problem(relative, 1, ("verwacht velden in de vorm 'naam: waarde', één per regel"))
        )
        return None
    _check_field_markup(data, source, problems)
    try:
        fields = collection.fields.model_validate(data)
    except ValidationError as error:
        known = list(collection.fields.model_fields)
        for detail in error.errors():
            problems.append(
                Problem(relative, source.line_of_loc(detail["loc"]), _dutch(detail, known))
            )
        return None
    return _Parsed(item_id, fields, body, source)


def _split_front_matter(
    text: str, relative: str, problems: list[Problem]
) -> tuple[str, str, int] | None:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.append(
            Problem(
                relative,
                1,
                (
                    "de front matter ontbreekt: begin het bestand met een regel '---', dan de velden "
                    "(zoals 'title: ...'), dan weer een regel '---'"
                ),
            )
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    problems.append(
        Problem(
            relative,
            1,
            (
                "de front matter wordt niet afgesloten: zet na het laatste veld een regel met alleen '---'"
            ),
        )
    )
    return None


def _parse_yaml(
    text: str, relative: str, line_offset: int, problems: list[Problem]
) -> tuple[Any, dict[str, int]]:
    """Parse YAML, remembering the line of every field; duplicate keys are errors."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.append(Problem(relative, line, _dutch_yaml_error(error)))
        return None, {}
    if node is None:
        problems.append(Problem(relative, line_offset + 1, "er staan geen velden in"))
        return None, {}
    lines: dict[str, int] = {}
    duplicates = _index_lines(node, (), lines, line_offset)
    for key, line, first in duplicates:
        problems.append(
            Problem(
                relative,
                line,
                (
                    f"het veld '{key}' staat twee keer in dit bestand (ook op regel {first}); "
                    "houd er één over"
                ),
            )
        )
    if duplicates:
        return None, lines
    loader = _Loader("")
    try:
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.append(Problem(relative, line, _dutch_yaml_error(error)))
        return None, {}
    finally:
        loader.dispose()


def _index_lines(
    node: yaml.Node, loc: tuple[str | int, ...], lines: dict[str, int], offset: int
) -> list[tuple[str, int, int]]:
    duplicates: list[tuple[str, int, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                duplicates.append((key, line, seen[key]))
                continue
            seen[key] = line
            lines[loc_key((*loc, key))] = line
            duplicates += _index_lines(value_node, (*loc, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[loc_key((*loc, index))] = item.start_mark.line + 1 + offset
            duplicates += _index_lines(item, (*loc, index), lines, offset)
    return duplicates


def _field_name(loc: tuple[str | int, ...]) -> str:
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _dutch(detail: ErrorDetails, known: list[str]) -> str:
    """Translate one pydantic error into a Dutch sentence that says what to do."""
    name = _field_name(detail["loc"])
    value = detail.get("input")
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind == "missing":
        return f"het verplichte veld '{name}' ontbreekt"
    if kind == "extra_forbidden":
        field = str(detail["loc"][-1])
        hint = did_you_mean(field, known) if len(detail["loc"]) == 1 else ""
        return f"onbekend veld '{name}'{hint}; toegestane velden: {', '.join(known)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' moet een heel getal zijn (zoals 3), niet {_show(value)}"
    if kind == "string_type":
        return (
            f"'{name}' moet tekst zijn, niet {_show(value)}; zet de waarde tussen aanhalingstekens"
        )
    if kind == "string_too_long":
        limit = context.get("max_length")
        return (
            f"'{name}' is te lang: {len(str(value))} tekens, hoogstens {limit}; houd het "
            "kort en zet de uitleg in de tekst eronder"
        )
    if kind == "string_too_short":
        return f"'{name}' is leeg; vul een waarde in"
    if kind == "string_pattern_mismatch":
        return (
            f"'{name}' moet een id zijn (kleine letters, cijfers en streepjes, zoals "
            f"'leren-te-leren'), niet {_show(value)}"
        )
    if kind == "too_short":
        return f"'{name}' is leeg; noem er minstens één, zoals [eerste, tweede]"
    if kind == "list_type":
        return f"'{name}' moet een lijst zijn, zoals [eerste, tweede], niet {_show(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{name}' moet velden bevatten, zoals 'when: ...' en 'what: ...'"
    if kind in ("greater_than_equal", "greater_than"):
        limit = context.get("ge", context.get("gt"))
        word = "minstens" if kind == "greater_than_equal" else "groter dan"
        return f"'{name}' moet {word} {limit} zijn, niet {_show(value)}"
    return f"'{name}' is ongeldig: {detail['msg']}"


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "ja/nee"
    if value is None:
        return "leeg"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return repr(value)


def _dutch_yaml_error(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "") + " " + (error.context or "")
    if "'\\t'" in problem or "tab" in problem:
        hint = "er staat een tab; gebruik spaties om in te springen"
    elif "end of stream" in problem and "quoted" in problem:
        hint = "een aanhalingsteken wordt niet gesloten"
    elif "mapping values are not allowed" in problem:
        hint = (
            "een waarde bevat een dubbele punt; zet de hele waarde tussen aanhalingstekens, "
            'zoals title: "Thema: uitleg"'
        )
    elif "expected <block end>" in problem or "could not find expected ':'" in problem:
        hint = "een regel is niet goed ingesprongen of mist 'naam: waarde'"
    else:
        hint = problem.strip()
    return f"ongeldige YAML: {hint}"


def _check_markup(text: str, relative: str, first_line: int, problems: list[Problem]) -> None:
    for index, line in enumerate(text.split("\n")):
        if UNSAFE_MARKUP.search(line):
            problems.append(Problem(relative, first_line + index, _unsafe_message()))


def _check_field_markup(data: dict[str, Any], source: Source, problems: list[Problem]) -> None:
    for key, value in data.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            strings = text.values() if isinstance(text, dict) else [text]
            if any(isinstance(s, str) and UNSAFE_MARKUP.search(s) for s in strings):
                problems.append(Problem(source.path, source.line_of(str(key)), _unsafe_message()))
                break


def _unsafe_message() -> str:
    return (
        "hier staat HTML die code kan uitvoeren (<script>, een 'on...='-attribuut of een "
        "'javascript:'-link); dat is niet toegestaan. Gebruik gewone tekst en Markdown-links"
    )


def _load_tags(root: Path, problems: list[Problem]) -> list[str]:
    path = root / TAGS_FILE
    if not path.is_file():
        problems.append(
            Problem(TAGS_FILE, None, "dit bestand met toegestane onderwerpen ontbreekt")
        )
        return []
    data, lines = _parse_yaml(path.read_text(encoding="utf-8"), TAGS_FILE, 0, problems)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(tag, str) and tag.strip() for tag in data):
        problems.append(
            Problem(TAGS_FILE, 1, "verwacht een lijst onderwerpen, één per regel: '- onderwerp'")
        )
        return []
    tags: list[str] = []
    for index, tag in enumerate(data):
        if tag in tags:
            problems.append(
                Problem(
                    TAGS_FILE, lines.get(str(index)), f"het onderwerp '{tag}' staat er twee keer in"
                )
            )
        tags.append(tag)
    return tags


def _check_references(
    parsed: dict[str, list[_Parsed]],
    existing: dict[str, set[str]],
    tags: list[str],
    problems: list[Problem],
) -> None:
    themes = existing[THEMES_DIR]
    cases = {p.id: p for p in parsed[CASES_DIR]}
    case_ids = existing[CASES_DIR]
    organisations = existing[ORGANISATIONS_DIR]

    def unknown(
        item: _Parsed, field: str, wrong: str, noun: str, known: list[str], folder: str
    ) -> None:
        hint = did_you_mean(wrong, known)
        choice = (
            f"; bestaande ids: {', '.join(sorted(known))}" if known and len(known) <= 12 else ""
        )
        problems.append(
            Problem(
                item.source.path,
                item.source.line_of(field),
                (
                    f"{noun} '{wrong}' bestaat niet{hint}{choice}. Ids zijn de bestandsnamen in {folder}/"
                ),
            )
        )

    numbers: dict[int, str] = {}
    for theme in parsed[THEMES_DIR]:
        number = theme.fields.number
        if number in numbers:
            problems.append(
                Problem(
                    theme.source.path,
                    theme.source.line_of("number"),
                    (f"nummer {number} wordt ook gebruikt door {numbers[number]}"),
                )
            )
        numbers.setdefault(number, theme.source.path)

    # Positions count within a lesson's trajectory and theme.
    positions: dict[tuple[str, str, int], str] = {}
    illustrated: set[str] = set()
    for lesson in parsed[LESSONS_DIR]:
        fields: Any = lesson.fields
        if fields.theme not in themes:
            unknown(lesson, "theme", fields.theme, "het thema", list(themes), THEMES_DIR)
        key = (fields.trajectory, fields.theme, fields.position)
        if key in positions:
            problems.append(
                Problem(
                    lesson.source.path,
                    lesson.source.line_of("position"),
                    (
                        f"positie {fields.position} in thema '{fields.theme}' is ook gegeven aan "
                        f"{positions[key]}; geef elke les van het traject '{fields.trajectory}' "
                        "in een thema een eigen positie"
                    ),
                )
            )
        positions.setdefault(key, lesson.source.path)
        for index, case_id in enumerate(fields.cases):
            if case_id not in case_ids:
                unknown(
                    lesson,
                    f"cases.{index}",
                    case_id,
                    "het praktijkvoorbeeld",
                    list(case_ids),
                    CASES_DIR,
                )
            elif fields.cases.index(case_id) != index:
                problems.append(
                    Problem(
                        lesson.source.path,
                        lesson.source.line_of(f"cases.{index}"),
                        f"het praktijkvoorbeeld '{case_id}' staat twee keer in 'cases'",
                    )
                )
            illustrated.add(case_id)
        _check_tags(lesson, tags, problems)

    for case in parsed[CASES_DIR]:
        fields = case.fields
        if fields.organisation and fields.organisation not in organisations:
            unknown(
                case,
                "organisation",
                fields.organisation,
                "de organisatie",
                sorted(organisations),
                ORGANISATIONS_DIR,
            )
        _check_tags(case, tags, problems)

    used_tags = {
        tag
        for items in (parsed[LESSONS_DIR], parsed[CASES_DIR])
        for item in items
        for tag in item.fields.tags
    }
    for tag in tags:
        if tag not in used_tags:
            problems.append(
                Problem(
                    TAGS_FILE,
                    None,
                    (
                        f"het onderwerp '{tag}' wordt door geen les of praktijkvoorbeeld gebruikt; "
                        "gebruik het of haal het weg"
                    ),
                    Severity.WARNING,
                )
            )
    for case_id, case in cases.items():
        if case_id not in illustrated:
            problems.append(
                Problem(
                    case.source.path,
                    None,
                    (
                        f"dit praktijkvoorbeeld illustreert nog geen les; noem '{case_id}' bij 'cases' van "
                        "de les die het illustreert"
                    ),
                    Severity.WARNING,
                )
            )


def _check_trajectories(
    parsed: dict[str, list[_Parsed]], existing: dict[str, set[str]], problems: list[Problem]
) -> None:
    """Every lesson and case names a trajectory that exists; trajectories name existing
    participants; a lesson's cases come from its own trajectory; and (warnings) a case's
    organisation takes part in the case's trajectory, and every organisation in some trajectory."""
    known = existing[TRAJECTORIES_DIR]
    trajectories = {p.id: p for p in parsed[TRAJECTORIES_DIR]}
    organisations = existing[ORGANISATIONS_DIR]
    case_trajectory = {p.id: p.fields.trajectory for p in parsed[CASES_DIR]}

    def unknown(
        item: _Parsed, field: str, wrong: str, noun: str, ids: set[str], folder: str
    ) -> None:
        choice = f"; bestaande ids: {', '.join(sorted(ids))}" if ids and len(ids) <= 12 else ""
        problems.append(
            Problem(
                item.source.path,
                item.source.line_of(field),
                f"{noun} '{wrong}' bestaat niet{did_you_mean(wrong, ids)}{choice}. "
                f"Ids zijn de bestandsnamen in {folder}/",
            )
        )

    participating: set[str] = set()
    for trajectory in parsed[TRAJECTORIES_DIR]:
        participants: list[str] = trajectory.fields.participants
        for index, org_id in enumerate(participants):
            if org_id not in organisations:
                unknown(
                    trajectory,
                    f"participants.{index}",
                    org_id,
                    "de organisatie",
                    organisations,
                    ORGANISATIONS_DIR,
                )
            elif participants.index(org_id) != index:
                problems.append(
                    Problem(
                        trajectory.source.path,
                        trajectory.source.line_of(f"participants.{index}"),
                        f"de organisatie '{org_id}' staat twee keer in 'participants'",
                    )
                )
            participating.add(org_id)

    for item in (*parsed[LESSONS_DIR], *parsed[CASES_DIR]):
        if item.fields.trajectory not in known:
            unknown(
                item, "trajectory", item.fields.trajectory, "het traject", known, TRAJECTORIES_DIR
            )

    for lesson in parsed[LESSONS_DIR]:
        for index, case_id in enumerate(lesson.fields.cases):
            other = case_trajectory.get(case_id)
            mine = lesson.fields.trajectory
            if other is not None and other != mine and mine in known:
                problems.append(
                    Problem(
                        lesson.source.path,
                        lesson.source.line_of(f"cases.{index}"),
                        f"het praktijkvoorbeeld '{case_id}' hoort bij het traject '{other}' en "
                        f"deze les bij '{lesson.fields.trajectory}'; een les noemt alleen "
                        "praktijkvoorbeelden uit haar eigen traject",
                    )
                )

    for case in parsed[CASES_DIR]:
        org_id = case.fields.organisation
        home = trajectories.get(case.fields.trajectory)
        if org_id and home and org_id not in home.fields.participants:
            problems.append(
                Problem(
                    case.source.path,
                    case.source.line_of("organisation"),
                    f"de organisatie '{org_id}' is geen deelnemer aan het traject "
                    f"'{home.id}'; zet '{org_id}' bij 'participants' in "
                    f"{home.source.path}, of kies het traject waar het voorbeeld vandaan komt",
                    Severity.WARNING,
                )
            )

    if parsed[TRAJECTORIES_DIR]:
        for organisation in parsed[ORGANISATIONS_DIR]:
            if organisation.id not in participating:
                problems.append(
                    Problem(
                        organisation.source.path,
                        None,
                        f"deze organisatie is geen deelnemer aan een traject; zet "
                        f"'{organisation.id}' bij 'participants' van het traject waaraan ze "
                        "deelneemt",
                        Severity.WARNING,
                    )
                )


def _check_tags(item: _Parsed, tags: list[str], problems: list[Problem]) -> None:
    for index, tag in enumerate(item.fields.tags):
        if tag not in tags:
            problems.append(
                Problem(
                    item.source.path,
                    item.source.line_of(f"tags.{index}"),
                    (
                        f"het onderwerp '{tag}' staat niet in {TAGS_FILE}{did_you_mean(tag, tags)}; "
                        f"kies een bestaand onderwerp of voeg het toe aan {TAGS_FILE}"
                    ),
                )
            )


def slugify(text: str) -> str:
    """An id from a title: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
