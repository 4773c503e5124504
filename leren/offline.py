"""`leren offline`: the offline kit, a zip of the site that works from disk without a network.

It builds ``mkdocs-offline.yml`` (the site plus Material's offline plugin) into a temporary
folder through the engine's adapter (``leren.engine``), and zips it deterministically: sorted
entries, one fixed timestamp, fixed permissions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

CONFIG = "mkdocs-offline.yml"
DEFAULT_OUTPUT = Path("dist") / "leren-van-elkaar-offline.zip"
# Zip timestamps cannot go before 1980; one fixed moment keeps the zip the same for the same site.
TIMESTAMP = (1980, 1, 1, 0, 0, 0)
README_NAME = "LEESMIJ.txt"
README = """\
Leren van elkaar - offline versie

Open index.html in je browser (dubbelklikken). Alles werkt zonder internet: de pagina's,
de afbeeldingen, zoeken en presenteren (knop "Presenteren" of toets p op een thema, les of
praktijkvoorbeeld; toets s opent de sprekersweergave in een tweede venster).
{qr}
"""
# Whether the slides have QR codes is read from the built deck, so the text is true either way.
QR_CODES = "De QR-codes op de dia's wijzen naar de website, zodat de zaal meeleest op de telefoon."
NO_QR_CODES = (
    "De dia's in deze versie hebben geen QR-code: bij het maken was het adres van de\n"
    "gepubliceerde website niet opgegeven. De zaal kan de lessen dus niet via de dia's op de\n"
    "telefoon meelezen."
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    offline = commands.add_parser(
        "offline",
        help="maak de offline versie: een zip van de site die zonder internet werkt",
        description="Bouwt de site met mkdocs-offline.yml en pakt hem in als zip-bestand. Uitpakken "
        "en index.html openen is genoeg: pagina's, zoeken en presenteren werken zonder netwerk. "
        "De QR-codes op de dia's wijzen naar de gepubliceerde site; geef het adres daarvan in de "
        "omgevingsvariabele LEREN_SITE_URL (zonder dat adres krijgen de dia's geen QR-code).",
    )
    offline.add_argument(
        "--uitvoer",
        type=Path,
        default=None,
        help=f"pad van het zip-bestand (standaard: {DEFAULT_OUTPUT.as_posix()} in de map van de site)",
    )
    offline.set_defaults(run=run_offline)


def run_offline(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    config = root / CONFIG
    if not config.is_file():
        print(f"leren: fout: {config} ontbreekt; draai dit in de map van de site", file=sys.stderr)
        return 2
    output: Path = (arguments.uitvoer or root / DEFAULT_OUTPUT).resolve()
    with tempfile.TemporaryDirectory(prefix="leren-offline-") as temporary:
        site = Path(temporary) / "site"
        # The engine loads only for the commands that build.
        from leren import engine

        build = engine.build_site(config, site)
        if not build.succeeded:
            print(build.output, end="", file=sys.stderr)
            print(
                "leren: fout: de offline versie is niet gebouwd; zie de meldingen hierboven",
                file=sys.stderr,
            )
            return 1
        has_qr = any(
            'class="lve-slide__qr"' in deck.read_text(encoding="utf-8")
            for deck in (site / "presentatie").glob("*.html")
        )
        (site / README_NAME).write_text(
            README.format(qr=QR_CODES if has_qr else NO_QR_CODES), encoding="utf-8"
        )
        write_zip(site, output)
    print(output)
    if not has_qr:
        print(
            "let op: de dia's hebben geen QR-code (LEREN_SITE_URL is niet gezet of lokaal)",
            file=sys.stderr,
        )
    return 0


def write_zip(folder: Path, output: Path) -> None:
    """Zip a folder's files with their paths relative to it, byte for byte the same each time."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".tmp")
    files = sorted(
        (path for path in folder.rglob("*") if path.is_file()),
        key=lambda path: path.relative_to(folder).as_posix(),
    )
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(output)
