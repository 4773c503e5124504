"""The `leren` command for editors: check the content, scaffold new items, export the schema."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from leren import loader, offline, pdf, scaffold, schema
from leren.command import leren_command
from leren.problems import Severity

# argparse's own words (usage, errors) in Dutch: it looks up every message through its
# module-level gettext alias, so pointing that alias at this table translates them all.
_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
}
argparse._ = lambda message: _ARGPARSE_DUTCH.get(message, message)  # type: ignore[attr-defined]


def find_root(start: Path) -> Path:
    """The site's folder at or above ``start``: editors may run the tool anywhere inside it."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / loader.LESSONS_DIR).is_dir():
            return folder
    return start


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leren",
        description="Hulpmiddel voor de redactie van 'Leren van elkaar': controleer de inhoud, "
        "maak een nieuwe les, praktijkvoorbeeld of organisatie, werk de schema's bij of maak de "
        "offline versie.",
    )
    parser.add_argument(
        "--map",
        type=Path,
        default=None,
        help="map met lessons/, cases/, themes/ en organisations/ (standaard: de map met "
        "mkdocs.yml waarin je nu staat)",
    )
    commands = parser.add_subparsers(dest="command", metavar="opdracht", title="opdrachten")
    commands.required = True

    check = commands.add_parser(
        "controleer",
        help="controleer alle inhoud zonder de site te bouwen",
        description="Controleert alle lessen, praktijkvoorbeelden, thema's en organisaties en "
        "meldt elk probleem als 'pad:regel: melding'. Stopt met code 1 bij een fout, 0 als "
        "alles in orde is (waarschuwingen alleen tellen niet als fout).",
    )
    check.set_defaults(run=run_check)

    scaffold.add_parser(commands)
    schema.add_parser(commands)
    offline.add_parser(commands)
    pdf.add_parser(commands)
    return parser


def run_check(arguments: argparse.Namespace) -> int:
    content, problems = loader.load_content(arguments.root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    for problem in errors:
        print(problem)
    if warnings and errors:
        print()
    for problem in warnings:
        print(problem)
    if content is not None:
        lessons = _count(len(content.lessons), "les", "lessen")
        cases = _count(len(content.cases), "praktijkvoorbeeld", "praktijkvoorbeelden")
        themes = _count(len(content.themes), "thema", "thema's")
        organisations = _count(len(content.organisations), "organisatie", "organisaties")
        counts = f"{lessons}, {cases}, {themes} en {organisations}"
        suffix = (
            f", met {_count(len(warnings), 'waarschuwing', 'waarschuwingen')}" if warnings else ""
        )
        print(f"In orde: {counts}{suffix}.")
        return 0
    print(
        f"\n{_count(len(errors), 'fout', 'fouten')}"
        + (f" en {_count(len(warnings), 'waarschuwing', 'waarschuwingen')}" if warnings else "")
        + ". Herstel de fouten en controleer opnieuw met: "
        + leren_command("controleer", root=arguments.root)
    )
    return 1


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    arguments.root = (arguments.map or find_root(Path.cwd())).resolve()
    try:
        return int(arguments.run(arguments))
    except OSError as error:
        print(f"leren: fout: {error.strerror or error} ({error.filename})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
