"""The `leren` command for editors: check the content, scaffold new items, export the schema,
make the PDF and the offline kit.

Exit codes, the same for every command (and told in `leren --help`): 0 when all went well, 1 when
the content has errors, 2 for a wrong use of the command or something missing around it (a file,
a library). What went wrong goes to stderr; `controleer` and `schema --controleer`, whose work is
to find problems, print what they find on stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from leren import loader, offline, pdf, reproducible, scaffold, schema
from leren.command import leren_command
from leren.problems import Severity, count_errors

OK = 0
CONTENT_ERRORS = 1
USAGE_ERROR = 2

EXIT_CODES = (
    "Afsluitcode: 0 als alles gelukt is, 1 als de inhoud fouten bevat (elke melding noemt het "
    "bestand en de regel), 2 bij verkeerd gebruik of als er iets ontbreekt om het werk te doen "
    "(zoals mkdocs.yml of de bibliotheken voor de PDF). Foutmeldingen staan op stderr; "
    "'controleer' en 'schema --controleer' geven wat ze vinden als uitvoer op stdout."
)
PDF_OUTPUT = Path("dist") / pdf.PDF_NAME

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
        "maak een nieuwe les, praktijkvoorbeeld of organisatie, werk de schema's bij, of maak de "
        "PDF of de offline versie.",
        epilog=EXIT_CODES,
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

    publication = commands.add_parser(
        "pdf",
        help="maak de publicatie als PDF (leren-van-elkaar.pdf)",
        description="Maakt de hele publicatie als één PDF, uit dezelfde bestanden als de site: "
        "omslag, inhoud, samenvatting, de hoofdstukken met alle lessen en "
        "praktijkvoorbeelden, de deelnemende organisaties, de methode en het colofon. "
        "De bouw van de site (mkdocs build) maakt dezelfde PDF.",
    )
    publication.add_argument(
        "uitvoer",
        nargs="?",
        type=Path,
        default=None,
        help=f"waar de PDF komt (standaard: {PDF_OUTPUT.as_posix()})",
    )
    publication.set_defaults(run=run_pdf)
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
    if content is not None and not errors:
        lessons = _count(len(content.lessons), "les", "lessen")
        cases = _count(len(content.cases), "praktijkvoorbeeld", "praktijkvoorbeelden")
        themes = _count(len(content.themes), "thema", "thema's")
        organisations = _count(len(content.organisations), "organisatie", "organisaties")
        trajectories = _count(len(content.trajectories), "traject", "trajecten")
        counts = f"{lessons}, {cases}, {themes}, {organisations} en {trajectories}"
        suffix = (
            f", met {_count(len(warnings), 'waarschuwing', 'waarschuwingen')}" if warnings else ""
        )
        print(f"In orde: {counts}{suffix}.")
        return OK
    print(
        f"\n{_count(len(errors), 'fout', 'fouten')}"
        + (f" en {_count(len(warnings), 'waarschuwing', 'waarschuwingen')}" if warnings else "")
        + ". Herstel de fouten en controleer opnieuw met: "
        + leren_command("controleer", root=arguments.root)
    )
    return CONTENT_ERRORS


def run_pdf(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return fail(f"{config_file} ontbreekt; de PDF gebruikt de instellingen van de site")
    # The same date as the site build gets, so `leren pdf` and the build make the same file.
    reproducible.pin_source_date_epoch(root)
    content, problems = loader.load_content(root)
    if content is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return fail(
            f"de inhoud bevat {_count(count_errors(problems), 'fout', 'fouten')}; herstel die eerst",
            CONTENT_ERRORS,
        )
    if content.publication is None:
        return fail("geen traject in trajectories/ heeft een publicatie ('publication:')")
    # The engine loads only for the commands that need the site's configuration.
    from leren import engine

    try:
        rendered = pdf.render(content, engine.load_publication_settings(config_file))
    except (engine.EngineError, pdf.PdfUnavailable) as error:
        return fail(str(error))
    except pdf.PdfRefused as error:
        return fail(str(error), CONTENT_ERRORS)
    output: Path = arguments.uitvoer or root / PDF_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(rendered.data)
    print(output)
    print(
        f"{rendered.pages} pagina's, {rendered.size}, gemaakt in {rendered.seconds:.1f} s".replace(
            ".", ","
        )
    )
    return OK


def fail(message: str, code: int = USAGE_ERROR) -> int:
    """Say on stderr what went wrong, and give the exit code for it."""
    print(f"leren: fout: {message}", file=sys.stderr)
    return code


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    arguments.root = (arguments.map or find_root(Path.cwd())).resolve()
    try:
        return int(arguments.run(arguments))
    except OSError as error:
        return fail(f"{error.strerror or error} ({error.filename})")


if __name__ == "__main__":
    sys.exit(main())
