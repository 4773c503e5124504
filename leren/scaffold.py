"""`leren nieuw`: a new lesson, case, organisation or trajectory file from an archetype, every field
explained. A new lesson or case never goes into a trajectory whose publication has appeared unless
the editor asks for it: nobody adds to a published publication by accident."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from string import Template

import yaml

from leren import dutch, loader
from leren.command import leren_command
from leren.problems import did_you_mean
from leren.structure import MONTH_PATTERN

ARCHETYPES = Path(__file__).parent / "archetypes"
MAX_ID_LENGTH = 60
ADD_TO_PUBLICATION = "--toevoegen-aan-publicatie"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "nieuw",
        help="maak een nieuwe les, een nieuw praktijkvoorbeeld, een nieuwe organisatie of een "
        "nieuw traject",
        description="Maakt een nieuw bestand met alle velden en een korte uitleg bij elk veld, "
        "en toont het pad. De id (bestandsnaam) komt uit de titel.",
    )
    kinds = new.add_subparsers(dest="kind", metavar="soort", title="soorten")
    kinds.required = True

    lesson = kinds.add_parser(
        "les",
        help="een nieuwe les in lessons/",
        description="Maakt een nieuwe les op de eerstvolgende plaats van haar traject in het thema. "
        "Een traject waarvan de publicatie is verschenen, krijgt geen nieuwe lessen, tenzij je "
        f"{ADD_TO_PUBLICATION} geeft.",
    )
    lesson.add_argument("titel", help="de les in één zin")
    lesson.add_argument("--thema", required=True, help="id van het thema (bestandsnaam in themes/)")
    _add_trajectory_arguments(lesson, "de les")
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
    _add_trajectory_arguments(case, "het praktijkvoorbeeld")
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

    trajectory = kinds.add_parser(
        "traject",
        help="een nieuw traject in trajectories/",
        description="Maakt een nieuw traject: een groep die samen leerde, met haar deelnemers en "
        "periode. Lessen uit zo'n groep horen in een eigen traject, niet in een traject waarvan "
        "de publicatie al is verschenen.",
    )
    trajectory.add_argument("naam", help="de naam van het traject, zoals de bron die noemt")
    trajectory.add_argument("--id", help="eigen id in plaats van een id uit de naam")
    trajectory.set_defaults(run=new_trajectory)


def _add_trajectory_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--traject", help=f"id van het traject waaruit {what} komt (bestandsnaam in trajectories/)"
    )
    parser.add_argument(
        ADD_TO_PUBLICATION,
        dest="add_to_publication",
        action="store_true",
        help="ook als de publicatie van het traject al is verschenen (alleen als je dat echt wilt)",
    )


def new_lesson(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    themes = _ids(root / loader.THEMES_DIR)
    if arguments.thema not in themes:
        return _refuse(
            f"het thema '{arguments.thema}' bestaat niet{did_you_mean(arguments.thema, themes)}; "
            f"kies uit: {', '.join(sorted(themes))}"
        )
    refusal = _trajectory_refusal(root, arguments, "de les")
    if refusal:
        return _refuse(refusal)
    position = 1 + max(_positions(root, arguments.thema, arguments.traject), default=0)
    values = {
        "title": json.dumps(arguments.titel, ensure_ascii=False),
        "theme": arguments.thema,
        "trajectory": arguments.traject,
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
    refusal = _trajectory_refusal(root, arguments, "het praktijkvoorbeeld")
    if refusal:
        return _refuse(refusal)
    values = {
        "title": json.dumps(arguments.titel, ensure_ascii=False),
        "trajectory": arguments.traject,
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


def new_trajectory(arguments: argparse.Namespace) -> int:
    values = {"title": json.dumps(arguments.naam, ensure_ascii=False)}
    return _write(
        arguments.root,
        loader.TRAJECTORIES_DIR,
        ".yml",
        "traject.yml",
        arguments.id,
        arguments.naam,
        values,
    )


def _trajectory_refusal(root: Path, arguments: argparse.Namespace, what: str) -> str:
    """Why a new lesson or case cannot go into the trajectory asked for, or '' if it can."""
    trajectories = _trajectories(root)
    new = "maak een nieuw traject met: " + leren_command(
        "nieuw", "traject", "Naam van het traject", root=root
    )
    choice = f"kies uit: {', '.join(sorted(trajectories))}, of " if trajectories else ""
    given: str | None = arguments.traject
    if not given:
        return f"geef met --traject het traject waaruit {what} komt; {choice}{new}"
    if given not in trajectories:
        return (
            f"het traject '{given}' bestaat niet{did_you_mean(given, trajectories)}; {choice}{new}"
        )
    publication = trajectories[given]
    if publication and not arguments.add_to_publication:
        return (
            f"het traject '{given}' hoort bij de publicatie {publication}, die al is verschenen; "
            f"{what} zou erin komen alsof de auteurs het hadden geschreven. Nieuwe lessen horen in "
            f"een eigen traject: {new} (zie CONTRIBUTING.md). Hoort {what} echt in die "
            f"publicatie, geef dan ook {ADD_TO_PUBLICATION}"
        )
    return ""


def _trajectories(root: Path) -> dict[str, str]:
    """Every trajectory id, with its publication in words (its title and month) or '' if it has
    none; tolerant of broken files, which `controleer` reports."""
    trajectories: dict[str, str] = {}
    for path in sorted((root / loader.TRAJECTORIES_DIR).rglob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError):
            data = None
        publication = data.get("publication") if isinstance(data, dict) else None
        words = ""
        if isinstance(publication, dict):
            title, date = publication.get("title"), publication.get("date")
            words = f"“{title}”" if title else "van dit traject"
            if isinstance(date, str) and re.match(MONTH_PATTERN, date):
                words += f" ({dutch.month_year(date)})"
        elif publication:
            words = "van dit traject"
        trajectories[path.stem] = words
    return trajectories


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


def _positions(root: Path, theme: str, trajectory: str) -> list[int]:
    """Positions already taken in a trajectory's theme; tolerant of broken files, which
    `controleer` reports."""
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
            and data.get("trajectory") == trajectory
            and isinstance(data.get("position"), int)
        ):
            positions.append(data["position"])
    return positions


def _refuse(message: str) -> int:
    print(f"leren: fout: {message}", file=sys.stderr)
    return 2
