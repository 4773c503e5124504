"""Typesetting the publication as a PDF with WeasyPrint, and the `leren pdf` command.

WeasyPrint needs Pango from the operating system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and
the publication's typeface, Charis SIL (Debian: fonts-sil-charis). Without Pango it cannot even be
imported; that is reported in Dutch with what to install.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leren import loader, reproducible
from leren.problems import count_errors
from leren.publication import PDF_NAME, Settings, build_html
from leren.structure import Content

__all__ = ["PDF_NAME", "PdfUnavailable", "Rendered", "render", "settings_from_mkdocs"]

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-sil-charis"
DEFAULT_OUTPUT = Path("dist") / PDF_NAME


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing; the message says what to do."""


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int
    seconds: float

    @property
    def size(self) -> str:
        return dutch_size(len(self.data))


def dutch_size(size: int) -> str:
    """'1,2 MB' or '840 kB': decimal units, Dutch decimal comma."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            "De PDF van de publicatie kan niet worden gemaakt: WeasyPrint of de systeembibliotheken "
            f"die het nodig heeft ontbreken ({error}). Installeer ze op Debian of Ubuntu met: "
            f"apt-get install {SYSTEM_PACKAGES} (en daarna: bash scripts/setup), of bouw de "
            "site zonder PDF met LEREN_PDF=false."
        ) from error
    return weasyprint


def render(content: Content, settings: Settings) -> Rendered:
    """The publication as PDF/UA-1 bytes: tagged, with language, title, author and bookmarks."""
    weasyprint = _weasyprint()
    started = time.perf_counter()
    document = weasyprint.HTML(
        string=build_html(content, settings), base_url=settings.docs_dir.resolve().as_uri() + "/"
    ).render()
    data = document.write_pdf(pdf_variant="pdf/ua-1")
    return Rendered(data, len(document.pages), time.perf_counter() - started)


def settings_from_mkdocs(config: Any) -> Settings:
    """The publication's settings from a loaded MkDocs configuration (the site's own)."""
    return Settings(
        docs_dir=Path(config["docs_dir"]),
        templates_dir=Path(config["theme"].custom_dir),
        title=config["site_name"],
        author=config["site_author"] or "",
        description=config["site_description"] or "",
        markdown_extensions=list(config["markdown_extensions"]),
        extension_configs=dict(config["mdx_configs"]),
        site_url=_public_url(config),
    )


def _public_url(config: Any) -> str:
    """The published site's address: the leren plugin's public_url, else MkDocs' site_url."""
    plugin = config["plugins"].get("leren")
    public_url = getattr(getattr(plugin, "config", None), "public_url", "") if plugin else ""
    return str(public_url or config["site_url"] or "")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pdf = commands.add_parser(
        "pdf",
        help="maak de publicatie als PDF (leren-van-elkaar.pdf)",
        description="Maakt de hele publicatie als één PDF, uit dezelfde bestanden als de site: "
        "omslag, inhoud, samenvatting, de hoofdstukken met alle lessen en "
        "praktijkvoorbeelden, de deelnemende organisaties, de methode en het colofon. "
        "De bouw van de site (mkdocs build) maakt dezelfde PDF.",
    )
    pdf.add_argument(
        "uitvoer",
        nargs="?",
        type=Path,
        default=None,
        help=f"waar de PDF komt (standaard: {DEFAULT_OUTPUT.as_posix()})",
    )
    pdf.set_defaults(run=run_pdf)


def run_pdf(arguments: argparse.Namespace) -> int:
    root: Path = arguments.root
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        print(f"leren: fout: {config_file} ontbreekt; de PDF gebruikt de instellingen van de site")
        return 1
    # The same date as the site build gets, so `leren pdf` and the build make the same file.
    reproducible.pin_source_date_epoch(root)
    content, problems = loader.load_content(root)
    if content is None:
        for problem in problems:
            print(problem)
        print(f"\nDe inhoud bevat {count_errors(problems)} fout(en); herstel ze eerst.")
        return 1
    if content.publication is None:
        print("leren: fout: geen traject in trajectories/ heeft een publicatie ('publication:')")
        return 1
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    try:
        rendered = render(content, settings_from_mkdocs(config))
    except PdfUnavailable as error:
        print(f"leren: fout: {error}")
        return 1
    output: Path = arguments.uitvoer or root / DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(rendered.data)
    print(output)
    print(
        f"{rendered.pages} pagina's, {rendered.size}, gemaakt in {rendered.seconds:.1f} s".replace(
            ".", ","
        )
    )
    return 0
