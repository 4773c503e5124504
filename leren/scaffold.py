"""`leren nieuw`: a new lesson, case or organisation file from an archetype, every field explained."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from string import Template

import yaml

from leren import loader
from leren.command import leren_command
from leren.problems import did_you_mean

ARCHETYPES = Path(__file__).parent / "archetypes"
MAX_ID_LENGTH = 60


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "nieuw",
        help="maak een nieuwe les, een nieuw praktijkvoorbeeld of een nieuwe organisatie",
        description="Maakt een nieuw bestand met alle velden en een korte uitleg bij elk veld, "
        "en toont het pad. De id (bestandsnaam) komt uit de titel.",
    )
    kinds = new.add_subparsers(dest="kind", metavar="soort", title="soorten")
    kinds.required = True

    lesson = kinds.add_parser(
        "les",
        help="een nieuwe les in lessons/",
        description="Maakt een nieuwe les op de eerstvolgende plaats in het thema.",
    )
    lesson.add_argument("titel", help="de les in één zin")
    lesson.add_argument("--thema", required=True, help="id van het thema (bestandsnaam in themes/)")
    lesson.add_argument("--id", help="eigen id in plaats van een id uit de titel")
    lesson.set_defaults(run=new_lesson)

    case = kinds.add_parser(
        "casus",
        help="een nieuw praktijkvoorbeeld in cases/",
        description="Maakt een nieuw praktijkvoorbeeld.",
    )
    case.add_argument("titel", help="de naam van het praktijkvoorbeeld")
    case.add_argument(
        "--organisatie", help="id van de deelnemende organisatie (bestandsnaam in organisations/)"
    )
    case.add_argument("--id", help="eigen id in plaats van een id uit de titel")
    case.set_defaults(run=new_case)

    organisation = kinds.add_parser(
        "organisatie",
        help="een nieuwe deelnemende organisatie in organisations/",
        description="Maakt een nieuwe deelnemende organisatie.",
    )
    organisation.add_argument("naam", help="de volledige naam, bijvoorbeeld 'Gemeente Tilburg'")
    organisation.add_argument("--id", help="eigen id in plaats van een id uit de naam")
    organisation.set_defaults(run=new_organisation)


def new_lesson(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    themes = _ids(root / loader.THEMES_DIR)
    if arguments.thema not in themes:
        return _refuse(
            f"het thema '{arguments.thema}' bestaat niet{did_you_mean(arguments.thema, themes)}; "
            f"kies uit: {', '.join(sorted(themes))}"
        )
    position = 1 + max(_positions(root, arguments.thema), default=0)
    values = {
        "title": json.dumps(arguments.titel, ensure_ascii=False),
        "theme": arguments.thema,
        "position": str(position),
    }
    return _write(root, loader.LESSONS_DIR, ".md", "les.md", arguments.id, arguments.titel, values)


def new_case(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    organisations = _ids(root / loader.ORGANISATIONS_DIR)
    organisation = arguments.organisatie or ""
    if organisation and organisation not in organisations:
        return _refuse(
            f"de organisatie '{organisation}' bestaat niet"
            f"{did_you_mean(organisation, organisations)}; kies uit: {', '.join(sorted(organisations))}"
        )
    values = {
        "title": json.dumps(arguments.titel, ensure_ascii=False),
        "organisation": organisation,
    }
    return _write(
        root,
        loader.CASES_DIR,
        ".md",
        "casus.md",
        arguments.id,
        arguments.titel,
        values,
        drop_empty="organisation",
    )


def new_organisation(arguments: argparse.Namespace) -> int:
    values = {"title": json.dumps(arguments.naam, ensure_ascii=False)}
    return _write(
        arguments.root,
        loader.ORGANISATIONS_DIR,
        ".yml",
        "organisatie.yml",
        arguments.id,
        arguments.naam,
        values,
    )


def _write(
    root: Path,
    folder: str,
    suffix: str,
    archetype: str,
    given_id: str | None,
    title: str,
    values: dict[str, str],
    drop_empty: str | None = None,
) -> int:
    item_id = given_id or make_id(title)
    if not loader.ID_PATTERN.match(item_id):
        return _refuse(
            f"'{item_id}' is geen geldige id: gebruik kleine letters, cijfers en streepjes, "
            f"bijvoorbeeld '{make_id(item_id) or 'mijn-id'}'"
        )
    existing = {path.stem: path for path in (root / folder).rglob(f"*{suffix}")}
    if item_id in existing:
        free = next(f"{item_id}-{n}" for n in range(2, 1000) if f"{item_id}-{n}" not in existing)
        return _refuse(
            f"de id '{item_id}' bestaat al ({existing[item_id].relative_to(root).as_posix()}); "
            f"kies een andere titel of geef een eigen id, bijvoorbeeld: --id {free}"
        )
    text = Template((ARCHETYPES / archetype).read_text(encoding="utf-8")).substitute(values)
    if drop_empty and not values[drop_empty]:
        text = re.sub(rf"^{drop_empty}: \n", "", text, flags=re.MULTILINE)
    path = root / folder / f"{item_id}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(path.relative_to(root).as_posix())
    print(
        "Vul de velden en de tekst in en controleer daarna met: "
        + leren_command("controleer", root=root)
    )
    return 0


def make_id(title: str) -> str:
    """An id from a title, cut at a word boundary so URLs stay readable."""
    slug = loader.slugify(title)
    while len(slug) > MAX_ID_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug


def _ids(folder: Path) -> list[str]:
    return sorted(
        path.stem for path in folder.rglob("*") if path.is_file() and not path.name.startswith(".")
    )


def _positions(root: Path, theme: str) -> list[int]:
    """Positions already taken in a theme; tolerant of broken files, which `controleer` reports."""
    positions = []
    for path in (root / loader.LESSONS_DIR).rglob("*.md"):
        try:
            front_matter = path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---")
            data = yaml.safe_load(front_matter)
        except (UnicodeDecodeError, yaml.YAMLError):
            continue
        if (
            isinstance(data, dict)
            and data.get("theme") == theme
            and isinstance(data.get("position"), int)
        ):
            positions.append(data["position"])
    return positions


def _refuse(message: str) -> int:
    print(f"leren: fout: {message}")
    return 2
