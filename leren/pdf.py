"""Typesetting the publication as a PDF with WeasyPrint, from the site's own files only.

WeasyPrint needs Pango from the operating system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and
the publication's typeface, Charis SIL (Debian: fonts-sil-charis). Without Pango it cannot even be
imported; that is reported in Dutch with what to install.

Content comes from strangers' pull requests, so the PDF reads nothing the site does not own:
WeasyPrint fetches every image, font and stylesheet through `SiteFiles`, which serves only such
files from inside ``docs/`` and ``overrides/`` and refuses other hosts, other schemes and other
files (symlinks are followed first, so none leads out). Attachments (``rel="attachment"``) are
never embedded. Whatever was refused fails the PDF with a Dutch message naming the file that
asked for it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from leren.dutch import file_size
from leren.publication import PDF_NAME, Publication, Settings, build_html
from leren.structure import Content

__all__ = [
    "PDF_NAME",
    "PdfRefused",
    "PdfUnavailable",
    "Refused",
    "Rendered",
    "SiteFiles",
    "render",
    "typeset",
]

SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-sil-charis"

# The kinds of file the PDF may read: images, fonts and stylesheets, by extension.
READABLE = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing; the message says what to do."""


class PdfRefused(Exception):
    """The content asks the PDF for something from outside the site; the message lists it all."""


class Refused(Exception):
    """One address the PDF does not read; the message says why, in Dutch."""


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int
    seconds: float

    @property
    def size(self) -> str:
        return file_size(len(self.data))


@dataclass(frozen=True)
class SiteFiles:
    """The folders whose images, fonts and stylesheets the PDF may read."""

    folders: tuple[Path, ...]

    @classmethod
    def of(cls, settings: Settings) -> SiteFiles:
        return cls((settings.docs_dir.resolve(), settings.templates_dir.resolve()))

    @property
    def base_url(self) -> str:
        """The document's base: docs/, from where the pages' images are named."""
        return self.folders[0].as_uri() + "/"

    @property
    def names(self) -> str:
        return " en ".join(f"{folder.name}/" for folder in self.folders)

    def path_of(self, url: str) -> Path:
        """The file ``url`` names, if the PDF may read it; else `Refused`, saying why."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in {"http", "https", "ftp"} or parts.netloc:
            raise Refused("de PDF haalt niets van een andere server")
        if scheme != "file":
            raise Refused(
                f"de PDF leest alleen bestanden van de site zelf, geen {scheme or 'ander'}-adres"
            )
        try:
            # Symlinks resolved first: one inside the folders may not lead out of them.
            path = Path(os.path.realpath(url2pathname(unquote(parts.path))))
        except (OSError, ValueError) as error:
            raise Refused("dit is geen geldig adres van een bestand") from error
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise Refused(f"de PDF leest alleen bestanden uit {self.names}")
        if path.suffix.lower() not in READABLE:
            raise Refused("de PDF leest alleen afbeeldingen, lettertypen en stijlbladen")
        if not path.is_file():
            raise Refused(f"het bestand {path.name} bestaat niet")
        return path


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


def _fetcher(weasyprint: Any, files: SiteFiles) -> Any:
    """WeasyPrint's URL fetcher, serving only `files` and noting every refusal."""

    class SiteOnlyFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.refused: set[tuple[str, str]] = set()

        def fetch(self, url: str, headers: Any = None) -> Any:
            try:
                path = files.path_of(url)
            except Refused as refusal:
                self.refused.add((url, str(refusal)))
                raise
            content_type = READABLE[path.suffix.lower()]
            return weasyprint.urls.URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

    return SiteOnlyFetcher()


@dataclass(frozen=True)
class Typeset:
    data: bytes
    pages: int
    # Every address the document asked for and did not get, with the reason, sorted.
    refused: list[tuple[str, str]] = field(default_factory=list)


def typeset(html: str, base_url: str, files: SiteFiles) -> Typeset:
    """``html`` as PDF/UA-1 bytes (tagged, with language, title, author and bookmarks), reading
    nothing but ``files`` and embedding no attachment."""
    weasyprint = _weasyprint()
    fetcher = _fetcher(weasyprint, files)
    source = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    refused: set[tuple[str, str]] = set()
    for element in source.etree_element.iter():
        if element.tag in {"a", "link"} and "attachment" in element.get("rel", "").lower().split():
            url = urljoin(base_url, element.get("href", ""))
            refused.add((url, 'de PDF neemt geen bijlagen op (rel="attachment")'))
    document = source.render()
    # WeasyPrint would embed the file behind every rel="attachment" when it writes the PDF (and
    # the files of its `attachments` option, which is never given).
    document.metadata.attachments = []
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
    data = document.write_pdf(pdf_variant="pdf/ua-1")
    return Typeset(data, len(document.pages), sorted(fetcher.refused | refused))


def render(content: Content, settings: Settings) -> Rendered:
    """The publication as a PDF; `PdfRefused` if its content asks for anything from outside."""
    started = time.perf_counter()
    publication = build_html(content, settings)
    files = SiteFiles.of(settings)
    result = typeset(publication.html, files.base_url, files)
    if result.refused:
        raise PdfRefused(refusal_message(publication, result.refused, files))
    return Rendered(result.data, result.pages, time.perf_counter() - started)


def refusal_message(
    publication: Publication, refused: list[tuple[str, str]], files: SiteFiles
) -> str:
    lines = [
        "De PDF van de publicatie is niet gemaakt: hij neemt alleen afbeeldingen, lettertypen en "
        f"stijlbladen uit {files.names} van de site zelf op, haalt niets van andere servers en "
        "bevat geen bijlagen. Geweigerd:"
    ]
    for url, reason in refused:
        sources = publication.sources_naming(url, files.base_url)
        where = f"{', '.join(sources)}: " if sources else ""
        lines.append(f"{where}{reason}: {_shown(url)}")
    return "\n".join(lines)


def _shown(url: str) -> str:
    """An address as short as it stays clear: data: URLs can be megabytes long."""
    return url if len(url) <= 120 else url[:117] + "..."
