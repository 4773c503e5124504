"""Reads the content folders, validates every file and reports every problem at once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from leren import dutch, sanitise
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

DOCS_DIR = "docs"
# The only folder snippets (`--8<-- "naam.md"`) may come from, inside DOCS_DIR.
FRAGMENTS_DIR = "_fragmenten"

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Content files are short texts; these bounds keep every check (and the build) fast on any input.
# The longest real file has 4 KB and the longest real line 1,518 characters.
MAX_FILE_BYTES = 200_000
MAX_LINE_CHARS = 10_000
# pymdownx.snippets reads a line with any run of dashes around "8<" as an include.
SNIPPET_MARKER = re.compile(r"-+8<-+")
SNIPPET_LINE = re.compile(r'^\s*--8<-- "(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*\.md)"\s*$')
# Tags appear in Material's own templates, which do not escape: plain words only.
TAG_PATTERN = re.compile(r"^[^\W_](?:[\w ,.&'’()/-]*[\w)])?$")
# Front matter a page in docs/ may set, and the page templates it may choose.
PAGE_FIELDS = frozenset({"title", "description", "template", "hide"})
PAGE_TEMPLATES = frozenset({"home.html", "samenvatting.html"})
PAGE_HIDE = frozenset({"navigation", "toc", "footer", "tags"})
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FieldsT = TypeVar("FieldsT", bound=BaseModel)


@dataclass(frozen=True)
class _Collection(Generic[FieldsT]):
    folder: str
    suffix: str
    fields: type[FieldsT]
    has_body: bool
    noun: str
    # Fields written in Markdown that become a page's body (and so pass the same checks).
    markdown_fields: tuple[str, ...] = ()


LESSONS = _Collection(LESSONS_DIR, ".md", LessonFields, True, "les")
CASES = _Collection(CASES_DIR, ".md", CaseFields, True, "praktijkvoorbeeld")
THEMES = _Collection(THEMES_DIR, ".yml", ThemeFields, False, "thema", ("intro",))
ORGANISATIONS = _Collection(
    ORGANISATIONS_DIR, ".yml", OrganisationFields, False, "organisatie", ("intro",)
)
TRAJECTORIES = _Collection(TRAJECTORIES_DIR, ".yml", TrajectoryFields, False, "traject", ("intro",))


@dataclass
class _Parsed(Generic[FieldsT]):
    id: str
    # The front matter as written, so that references are checked even when a field is wrong.
    data: dict[str, Any]
    # None when the front matter did not validate; its problems are reported already.
    fields: FieldsT | None
    body: str
    source: Source


@dataclass
class _Report:
    """Problems found so far. Markup the sanitiser removes is an error that does not stop the
    build: the site is still made (cleaned), and `--strict` and `leren controleer` fail on it."""

    problems: list[Problem] = field(default_factory=list)
    non_blocking: set[int] = field(default_factory=set)

    def add(self, problem: Problem, *, blocking: bool = True) -> None:
        if not blocking:
            self.non_blocking.add(len(self.problems))
        self.problems.append(problem)

    def blocks(self) -> bool:
        return any(
            problem.severity is Severity.ERROR and index not in self.non_blocking
            for index, problem in enumerate(self.problems)
        )


def load_content(root: Path) -> tuple[Content | None, list[Problem]]:
    """Load everything under ``root``. Returns no content when there is an error that the build
    cannot work around; markup that the sanitiser removes is reported but does not stop it."""
    report = _Report()
    # Ids of files that exist but failed validation still count as existing, so one broken file
    # does not also make every reference to it an error.
    existing: dict[str, set[str]] = {}
    themes = _load_collection(root, THEMES, report, existing)
    organisations = _load_collection(root, ORGANISATIONS, report, existing)
    trajectories = _load_collection(root, TRAJECTORIES, report, existing)
    cases = _load_collection(root, CASES, report, existing)
    lessons = _load_collection(root, LESSONS, report, existing)
    tags = _load_tags(root, report)
    _check_references(themes, organisations, cases, lessons, existing, tags, report)
    _check_trajectories(trajectories, organisations, cases, lessons, existing, report)
    if (root / DOCS_DIR).is_dir():
        _check_pages(root, report)
    problems = sorted(report.problems, key=lambda problem: (problem.path, problem.line or 0))
    if report.blocks():
        return None, problems
    content = Content(
        themes={p.id: Theme(p.id, _valid(p), p.source) for p in themes},
        organisations={p.id: Organisation(p.id, _valid(p), p.source) for p in organisations},
        cases={p.id: Case(p.id, _valid(p), p.body, p.source) for p in cases},
        lessons={p.id: Lesson(p.id, _valid(p), p.body, p.source) for p in lessons},
        tags=tags,
        trajectories={p.id: Trajectory(p.id, _valid(p), p.source) for p in trajectories},
    )
    return content, problems


def _valid(parsed: _Parsed[FieldsT]) -> FieldsT:
    # Only called when nothing blocks, so every file validated.
    assert parsed.fields is not None
    return parsed.fields


def _load_collection(
    root: Path, collection: _Collection[FieldsT], report: _Report, existing: dict[str, set[str]]
) -> list[_Parsed[FieldsT]]:
    existing[collection.folder] = ids = set()
    folder = root / collection.folder
    if not folder.is_dir():
        report.add(Problem(f"{collection.folder}/", None, "deze map ontbreekt"))
        return []
    items: list[_Parsed[FieldsT]] = []
    seen: dict[str, str] = {}
    for path in _files_in(root, folder, report):
        relative = path.relative_to(root).as_posix()
        if path.suffix != collection.suffix or path.name.count(".") != 1:
            report.add(Problem(relative, None, _wrong_file_message(collection, path)))
            continue
        ids.add(path.stem)
        item = _load_file(root, path, relative, collection, report)
        if item is None:
            continue
        if item.id in seen:
            report.add(
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


def _files_in(root: Path, folder: Path, report: _Report) -> Iterator[Path]:
    """The files below ``folder``, in order; a symbolic link is refused, never followed, since it
    could publish a file from outside the repository."""
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            report.add(
                Problem(
                    path.relative_to(root).as_posix(),
                    None,
                    "dit is een symbolische link; links naar andere bestanden zijn niet "
                    "toegestaan. Zet het bestand zelf in de map",
                )
            )
            continue
        if path.is_file():
            yield path


def _wrong_file_message(collection: _Collection[Any], path: Path) -> str:
    kind = "Markdown-bestanden (.md)" if collection.suffix == ".md" else "YAML-bestanden (.yml)"
    return (
        f"dit bestand wordt niet gebruikt: in {collection.folder}/ horen alleen {kind}. "
        f"Zet de inhoud in een bestand dat eindigt op '{collection.suffix}', of verwijder dit bestand"
    )


def _read_text(path: Path, relative: str, report: _Report) -> str | None:
    """The file as text, if it is UTF-8 and within the size bounds; else a problem."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        report.add(
            Problem(
                relative,
                None,
                f"dit bestand is te groot: {dutch.thousands(size)} bytes, hoogstens "
                f"{dutch.thousands(MAX_FILE_BYTES)}; verdeel de tekst over meer bestanden",
            )
        )
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        report.add(
            Problem(
                relative,
                data[: error.start].count(b"\n") + 1,
                (
                    "dit bestand is geen UTF-8-tekst; sla het op als 'UTF-8' (in de meeste editors: "
                    "Opslaan als > Codering: UTF-8)"
                ),
            )
        )
        return None
    too_long = False
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            too_long = True
            report.add(
                Problem(
                    relative,
                    number,
                    f"deze regel is te lang: {dutch.thousands(len(line))} tekens, hoogstens "
                    f"{dutch.thousands(MAX_LINE_CHARS)}; begin tussendoor een nieuwe regel",
                )
            )
    return None if too_long else text


def _load_file(
    root: Path, path: Path, relative: str, collection: _Collection[FieldsT], report: _Report
) -> _Parsed[FieldsT] | None:
    item_id = path.stem
    if not ID_PATTERN.match(item_id):
        report.add(
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
    text = _read_text(path, relative, report)
    if text is None:
        return None

    body = ""
    line_offset = 0
    yaml_text = text
    if collection.has_body:
        split = _split_front_matter(text, relative, report)
        if split is None:
            return None
        yaml_text, body, body_line = split
        line_offset = 1
        if not _strip_comments(body).strip():
            report.add(
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
            _check_markdown(root, body, relative, body_line, report)

    data, lines = _parse_yaml(yaml_text, relative, line_offset, report)
    if data is None:
        return None
    source = Source(relative, lines)
    if not isinstance(data, dict):
        report.add(
            Problem(relative, 1, ("verwacht velden in de vorm 'naam: waarde', één per regel"))
        )
        return None
    for name in collection.markdown_fields:
        value = data.get(name)
        if isinstance(value, str):
            # A block scalar ("intro: |") starts on the line after its key.
            _check_markdown(root, value, relative, source.line_of(name) + 1, report)
    fields: FieldsT | None = None
    try:
        fields = collection.fields.model_validate(data)
    except ValidationError as error:
        known = list(collection.fields.model_fields)
        for detail in error.errors():
            report.add(Problem(relative, source.line_of_loc(detail["loc"]), _dutch(detail, known)))
    return _Parsed(item_id, data, fields, body, source)


def _strip_comments(text: str) -> str:
    """The text without HTML comments; linear, unlike a lazy regex on unclosed comments."""
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        parts.append(text[position:start])
        end = text.find("-->", start + 4)
        if end == -1:
            return "".join(parts)
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _check_markdown(root: Path, text: str, relative: str, first_line: int, report: _Report) -> None:
    """Snippets and markup in an editor's Markdown: what the build would include or remove."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if SNIPPET_MARKER.search(line):
            message = _snippet_problem(root, line)
            if message:
                report.add(Problem(relative, first_line + index, message))
    # Only text with markup can lose anything to the sanitiser; most bodies are plain prose.
    if not any(mark in text for mark in ("<", "](", "]:", "{", "&")):
        return
    for removal in sanitise.removals(sanitise.render(text)):
        offset = _line_of(lines, removal.needles)
        report.add(Problem(relative, first_line + offset, removal.message), blocking=False)


def _line_of(lines: list[str], needles: tuple[str, ...]) -> int:
    """The index of the line where the needles lead: each is looked for from the line where the
    one before it was found; a needle that is not there is skipped. 0 if none is found."""
    found = 0
    for needle in needles:
        wanted = needle.strip().lower()
        if not wanted:
            continue
        for index in range(found, len(lines)):
            if wanted in lines[index].lower():
                found = index
                break
    return found


def _snippet_problem(root: Path, line: str) -> str | None:
    """Why a snippet line may not be included, or None if it may."""
    match = SNIPPET_LINE.match(line)
    if not match:
        return (
            "een invoeging ('--8<--') mag alleen in de vorm --8<-- \"naam.md\", alleen op een "
            f"eigen regel, met een bestand uit {DOCS_DIR}/{FRAGMENTS_DIR}/"
        )
    name = match["name"]
    fragment = root / DOCS_DIR / FRAGMENTS_DIR / name
    if fragment.is_symlink():
        return (
            f"de invoeging '{name}' is een symbolische link; dat is niet toegestaan. Zet de tekst "
            f"zelf in {DOCS_DIR}/{FRAGMENTS_DIR}/{name}"
        )
    if not fragment.is_file():
        return (
            f"de invoeging '{name}' bestaat niet in {DOCS_DIR}/{FRAGMENTS_DIR}/; controleer de "
            "naam of maak het bestand"
        )
    return None


def _check_pages(root: Path, report: _Report) -> None:
    """The pages in docs/: front matter, snippets and markup, as for lessons and cases."""
    docs = root / DOCS_DIR
    for path in _files_in(root, docs, report):
        relative = path.relative_to(root).as_posix()
        if path.suffix != ".md":
            continue
        text = _read_text(path, relative, report)
        if text is None:
            continue
        fragment = path.parent == docs / FRAGMENTS_DIR
        if fragment:
            # A fragment is included as it is: it has no front matter and includes nothing.
            for index, line in enumerate(text.split("\n")):
                if SNIPPET_MARKER.search(line):
                    report.add(
                        Problem(relative, index + 1, "een invoeging mag zelf niets invoegen")
                    )
            _check_markdown(root, text.replace("--8<--", ""), relative, 1, report)
            continue
        split = _split_front_matter(text, relative, report)
        if split is None:
            continue
        yaml_text, body, body_line = split
        data, lines = _parse_yaml(yaml_text, relative, 1, report)
        if isinstance(data, dict):
            _check_page_fields(data, Source(relative, lines), report)
        elif data is not None:
            report.add(Problem(relative, 2, "verwacht velden in de vorm 'naam: waarde'"))
        _check_markdown(root, body, relative, body_line, report)


def _check_page_fields(data: dict[str, Any], source: Source, report: _Report) -> None:
    def problem(name: str, message: str) -> None:
        report.add(Problem(source.path, source.line_of(name), message))

    for name in data:
        if name not in PAGE_FIELDS:
            problem(
                str(name),
                f"onbekend veld '{name}'{did_you_mean(str(name), PAGE_FIELDS)}; toegestane "
                f"velden: {', '.join(sorted(PAGE_FIELDS))}",
            )
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        problem("title", "het verplichte veld 'title' ontbreekt of is geen tekst")
    if "description" in data and not isinstance(data["description"], str):
        problem("description", "'description' moet tekst zijn")
    template = data.get("template")
    if template is not None and template not in PAGE_TEMPLATES:
        problem(
            "template",
            f"'template' moet een van deze zijn: {', '.join(sorted(PAGE_TEMPLATES))}, niet "
            f"{_show(template)}",
        )
    hide = data.get("hide", [])
    if not isinstance(hide, list) or not set(hide) <= PAGE_HIDE:
        problem("hide", f"'hide' moet een lijst zijn met alleen: {', '.join(sorted(PAGE_HIDE))}")


def _split_front_matter(text: str, relative: str, report: _Report) -> tuple[str, str, int] | None:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        report.add(
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
    report.add(
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
    text: str, relative: str, line_offset: int, report: _Report
) -> tuple[Any, dict[str, int]]:
    """Parse YAML, remembering the line of every field; duplicate keys are errors."""
    try:
        # Anchors and aliases (&naam, *naam) can make a kilobyte expand into gigabytes, and no
        # content file needs them: refuse them before anything is built from the text. Both are
        # written with '&' or '*', so text without either needs no look at the parser's events.
        events = yaml.parse(text, Loader=_Loader) if "&" in text or "*" in text else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 + line_offset if event.start_mark else None
                report.add(
                    Problem(
                        relative,
                        line,
                        "ongeldige YAML: ankers en verwijzingen ('&naam' en '*naam') zijn niet "
                        "toegestaan; schrijf de waarde voluit",
                    )
                )
                return None, {}
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        report.add(Problem(relative, line, _dutch_yaml_error(error)))
        return None, {}
    except yaml.YAMLError as error:
        report.add(Problem(relative, None, f"ongeldige YAML: {error}"))
        return None, {}
    if node is None:
        report.add(Problem(relative, line_offset + 1, "er staan geen velden in"))
        return None, {}
    lines: dict[str, int] = {}
    duplicates = _index_lines(node, (), lines, line_offset)
    for key, line, first in duplicates:
        report.add(
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
        report.add(Problem(relative, line, _dutch_yaml_error(error)))
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


def _load_tags(root: Path, report: _Report) -> list[str]:
    path = root / TAGS_FILE
    if path.is_symlink() or not path.is_file():
        report.add(
            Problem(
                TAGS_FILE,
                None,
                "dit bestand met toegestane onderwerpen ontbreekt (of is een symbolische link)",
            )
        )
        return []
    text = _read_text(path, TAGS_FILE, report)
    if text is None:
        return []
    data, lines = _parse_yaml(text, TAGS_FILE, 0, report)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(tag, str) and tag.strip() for tag in data):
        report.add(
            Problem(TAGS_FILE, 1, "verwacht een lijst onderwerpen, één per regel: '- onderwerp'")
        )
        return []
    tags: list[str] = []
    for index, tag in enumerate(data):
        line = lines.get(str(index))
        if not TAG_PATTERN.match(tag):
            report.add(
                Problem(
                    TAGS_FILE,
                    line,
                    f"het onderwerp '{tag}' bevat tekens die niet in een onderwerp horen; "
                    "gebruik letters, cijfers, spaties en streepjes",
                )
            )
        if tag in tags:
            report.add(Problem(TAGS_FILE, line, f"het onderwerp '{tag}' staat er twee keer in"))
        tags.append(tag)
    return tags


def _text(item: _Parsed[Any], name: str) -> str | None:
    """A field as written, if it is text: references are checked even when another field of the
    same file is wrong, so an editor sees every problem in one run."""
    value = item.data.get(name)
    return value if isinstance(value, str) else None


def _texts(item: _Parsed[Any], name: str) -> list[tuple[int, str]]:
    value = item.data.get(name)
    if not isinstance(value, list):
        return []
    return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, str)]


def _unknown(
    report: _Report,
    item: _Parsed[Any],
    field: str,
    wrong: str,
    noun: str,
    known: list[str],
    folder: str,
) -> None:
    """A reference to an id that no file in ``folder`` has, with the closest id as a hint."""
    choice = f"; bestaande ids: {', '.join(sorted(known))}" if known and len(known) <= 12 else ""
    report.add(
        Problem(
            item.source.path,
            item.source.line_of(field),
            f"{noun} '{wrong}' bestaat niet{did_you_mean(wrong, known)}{choice}. "
            f"Ids zijn de bestandsnamen in {folder}/",
        )
    )


def _check_references(
    themes: list[_Parsed[ThemeFields]],
    organisations: list[_Parsed[OrganisationFields]],
    cases: list[_Parsed[CaseFields]],
    lessons: list[_Parsed[LessonFields]],
    existing: dict[str, set[str]],
    tags: list[str],
    report: _Report,
) -> None:
    theme_ids = existing[THEMES_DIR]
    case_ids = existing[CASES_DIR]
    organisation_ids = existing[ORGANISATIONS_DIR]

    def unknown(
        item: _Parsed[Any], field: str, wrong: str, noun: str, known: list[str], folder: str
    ) -> None:
        _unknown(report, item, field, wrong, noun, known, folder)

    numbers: dict[int, str] = {}
    for theme in themes:
        number = theme.data.get("number")
        if not isinstance(number, int):
            continue
        if number in numbers:
            report.add(
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
    for lesson in lessons:
        theme_id = _text(lesson, "theme")
        if theme_id is not None and theme_id not in theme_ids:
            unknown(lesson, "theme", theme_id, "het thema", list(theme_ids), THEMES_DIR)
        position = lesson.data.get("position")
        trajectory_id = _text(lesson, "trajectory") or ""
        if theme_id is not None and isinstance(position, int):
            key = (trajectory_id, theme_id, position)
            if key in positions:
                report.add(
                    Problem(
                        lesson.source.path,
                        lesson.source.line_of("position"),
                        (
                            f"positie {position} in thema '{theme_id}' is ook gegeven aan "
                            f"{positions[key]}; geef elke les van het traject '{trajectory_id}' "
                            "in een thema een eigen positie"
                        ),
                    )
                )
            positions.setdefault(key, lesson.source.path)
        named: list[str] = []
        for index, case_id in _texts(lesson, "cases"):
            if case_id not in case_ids:
                unknown(
                    lesson,
                    f"cases.{index}",
                    case_id,
                    "het praktijkvoorbeeld",
                    list(case_ids),
                    CASES_DIR,
                )
            elif case_id in named:
                report.add(
                    Problem(
                        lesson.source.path,
                        lesson.source.line_of(f"cases.{index}"),
                        f"het praktijkvoorbeeld '{case_id}' staat twee keer in 'cases'",
                    )
                )
            named.append(case_id)
            illustrated.add(case_id)
        _check_tags(lesson, tags, report)

    for case in cases:
        organisation = _text(case, "organisation")
        if organisation and organisation not in organisation_ids:
            unknown(
                case,
                "organisation",
                organisation,
                "de organisatie",
                sorted(organisation_ids),
                ORGANISATIONS_DIR,
            )
        _check_tags(case, tags, report)

    used_tags = {
        tag for items in (lessons, cases) for item in items for _, tag in _texts(item, "tags")
    }
    for tag in tags:
        if tag not in used_tags:
            report.add(
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
    for case in cases:
        if case.id not in illustrated:
            report.add(
                Problem(
                    case.source.path,
                    None,
                    (
                        f"dit praktijkvoorbeeld illustreert nog geen les; noem '{case.id}' bij 'cases' van "
                        "de les die het illustreert"
                    ),
                    Severity.WARNING,
                )
            )


def _check_trajectories(
    trajectories: list[_Parsed[TrajectoryFields]],
    organisations: list[_Parsed[OrganisationFields]],
    cases: list[_Parsed[CaseFields]],
    lessons: list[_Parsed[LessonFields]],
    existing: dict[str, set[str]],
    report: _Report,
) -> None:
    """Every lesson and case names a trajectory that exists; trajectories name existing
    participants; a lesson's cases come from its own trajectory; and (warnings) a case's
    organisation takes part in the case's trajectory, and every organisation in some trajectory."""
    known = existing[TRAJECTORIES_DIR]
    by_id = {p.id: p for p in trajectories}
    organisation_ids = existing[ORGANISATIONS_DIR]
    case_trajectory = {p.id: _text(p, "trajectory") for p in cases}

    def unknown(
        item: _Parsed[Any], field: str, wrong: str, noun: str, ids: set[str], folder: str
    ) -> None:
        _unknown(report, item, field, wrong, noun, sorted(ids), folder)

    participating: set[str] = set()
    participants_of: dict[str, list[str]] = {}
    for trajectory in trajectories:
        participants = [org_id for _, org_id in _texts(trajectory, "participants")]
        participants_of[trajectory.id] = participants
        for index, org_id in _texts(trajectory, "participants"):
            if org_id not in organisation_ids:
                unknown(
                    trajectory,
                    f"participants.{index}",
                    org_id,
                    "de organisatie",
                    organisation_ids,
                    ORGANISATIONS_DIR,
                )
            elif participants.index(org_id) != index:
                report.add(
                    Problem(
                        trajectory.source.path,
                        trajectory.source.line_of(f"participants.{index}"),
                        f"de organisatie '{org_id}' staat twee keer in 'participants'",
                    )
                )
            participating.add(org_id)

    items: list[_Parsed[Any]] = [*lessons, *cases]
    for item in items:
        trajectory_id = _text(item, "trajectory")
        if trajectory_id is not None and trajectory_id not in known:
            unknown(item, "trajectory", trajectory_id, "het traject", known, TRAJECTORIES_DIR)

    for lesson in lessons:
        mine = _text(lesson, "trajectory")
        for index, case_id in _texts(lesson, "cases"):
            other = case_trajectory.get(case_id)
            if other is not None and mine is not None and other != mine and mine in known:
                report.add(
                    Problem(
                        lesson.source.path,
                        lesson.source.line_of(f"cases.{index}"),
                        f"het praktijkvoorbeeld '{case_id}' hoort bij het traject '{other}' en "
                        f"deze les bij '{mine}'; een les noemt alleen "
                        "praktijkvoorbeelden uit haar eigen traject",
                    )
                )

    for case in cases:
        case_org = _text(case, "organisation")
        home = by_id.get(_text(case, "trajectory") or "")
        if case_org and home and case_org not in participants_of.get(home.id, []):
            report.add(
                Problem(
                    case.source.path,
                    case.source.line_of("organisation"),
                    f"de organisatie '{case_org}' is geen deelnemer aan het traject "
                    f"'{home.id}'; zet '{case_org}' bij 'participants' in "
                    f"{home.source.path}, of kies het traject waar het voorbeeld vandaan komt",
                    Severity.WARNING,
                )
            )

    if trajectories:
        for organisation in organisations:
            if organisation.id not in participating:
                report.add(
                    Problem(
                        organisation.source.path,
                        None,
                        f"deze organisatie is geen deelnemer aan een traject; zet "
                        f"'{organisation.id}' bij 'participants' van het traject waaraan ze "
                        "deelneemt",
                        Severity.WARNING,
                    )
                )


def _check_tags(item: _Parsed[Any], tags: list[str], report: _Report) -> None:
    for index, tag in _texts(item, "tags"):
        if tag not in tags:
            report.add(
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
