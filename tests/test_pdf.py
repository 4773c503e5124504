"""The publication as a PDF: made by the build from the same content, typeset as a publication."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from leren.dutch import file_size
from leren.loader import load_content
from leren.pdf import PdfRefused, Refused, SiteFiles, render, typeset
from leren.structure import Content
from tests.conftest import REPO, TEST_SITE_URL, Build, write_content, write_fixture_site
from tests.htmlpage import Page

PDF = "leren-van-elkaar.pdf"


@pytest.fixture(scope="module")
def pdf_path(built_site_with_pdf: Build) -> Path:
    return built_site_with_pdf.site / PDF


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


def squeeze(text: str) -> str:
    """Text without any whitespace: line breaks fall in different places in a PDF."""
    return re.sub(r"\s+", "", text)


def outline(reader: PdfReader, items: list[Any] | None = None) -> list[Any]:
    """The bookmarks as nested [title, [children]] pairs."""
    tree: list[Any] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            tree[-1][1] = outline(reader, item)
        else:
            tree.append([item.title, []])
    return tree


def test_the_build_makes_the_pdf(pdf_path: Path, reader: PdfReader) -> None:
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    assert len(reader.pages) > 20


def test_every_lesson_and_case_is_in_the_text_in_publication_order(
    reader: PdfReader, real_content: Content
) -> None:
    first_chapter = reader.get_destination_page_number(reader.outline[2])
    body = squeeze(" ".join(page.extract_text() for page in reader.pages[first_chapter:]))
    expected = []
    told: set[str] = set()
    for theme in real_content.themes_in_order():
        expected.append(f"{theme.fields.number}.{theme.fields.title}")
        for lesson in real_content.lessons_of_theme(theme):
            expected.append(lesson.fields.title)
            for case in real_content.cases_of_lesson(lesson):
                if case.id not in told:
                    expected.append(case.fields.title)
                    told.add(case.id)
    assert len(told) == len(real_content.cases)
    position = 0
    for title in expected:
        found = body.find(squeeze(title), position)
        assert found >= 0, f"{title!r} ontbreekt of staat niet op zijn plaats"
        position = found
    assert "Deelnemendeorganisaties" in body[position:]
    assert "Colofon" in body[position:]


def test_the_bookmarks_follow_the_chapters_and_lessons(
    reader: PdfReader, real_content: Content
) -> None:
    tree = outline(reader)
    chapters = [f"{t.fields.number}. {t.fields.title}" for t in real_content.themes_in_order()]
    assert [title for title, _ in tree] == [
        "Inhoud",
        "Samenvatting: Lessen van drie jaar leren van elkaar",
        *chapters,
        "Deelnemende organisaties",
        "Over het traject",
        "Colofon",
    ]
    for theme, (_, lessons) in zip(real_content.themes_in_order(), tree[2:5], strict=True):
        assert [title for title, _ in lessons] == [
            lesson.fields.title for lesson in real_content.lessons_of_theme(theme)
        ]
    stroomlijn = next(lesson for theme in tree[2:5] for lesson in theme[1] if lesson[1])
    assert stroomlijn[1][0][0] in {case.fields.title for case in real_content.cases.values()}


def test_the_pdf_is_tagged_dutch_and_titled(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Leren van elkaar"
    assert metadata.author == "Vereniging van Gemeentesecretarissen"
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_the_pdf_embeds_the_publication_typeface(reader: PdfReader) -> None:
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages[:5]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Charis-SIL" in name for name in fonts), fonts


def test_cover_contents_and_running_headers(reader: PdfReader) -> None:
    cover = reader.pages[0].extract_text()
    assert "Leren van elkaar" in cover
    assert "Vereniging van Gemeentesecretarissen" in cover
    assert "Juni 2017" in cover
    contents = reader.pages[1].extract_text()
    assert "Inhoud" in contents
    first_chapter = reader.get_destination_page_number(reader.outline[2])
    assert re.search(rf"^\s*1\. Leren te leren\s+{first_chapter + 1}\s*$", contents, re.M)
    # A later page of chapter 1: the running header names the chapter, the footer the page.
    later = reader.pages[first_chapter + 2].extract_text().strip()
    assert "1. Leren te leren Leren van elkaar" in later
    assert later.endswith(f"\n{first_chapter + 3}")


def test_home_and_theme_pages_offer_the_pdf_with_its_size(
    built_site_with_pdf: Build, pdf_path: Path, real_content: Content
) -> None:
    size = file_size(pdf_path.stat().st_size)
    assert re.fullmatch(r"\d+ kB|\d+,\d MB", size)
    for name in ("index.html", *(f"themas/{theme}/index.html" for theme in real_content.themes)):
        page = Page(built_site_with_pdf.site / name, built_site_with_pdf.site)
        html = (built_site_with_pdf.site / name).read_text(encoding="utf-8")
        assert f"Download de publicatie (PDF, {size})" in html, name
        links = [href for href in page.links if href.endswith(PDF)]
        assert links, name
        resolved = page.resolve(links[0])
        assert resolved is not None
        assert resolved[0] == pdf_path


def run_leren_pdf(output: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leren.cli", "pdf", str(output)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        check=False,
    )


def test_leren_pdf_makes_the_same_pdf_as_the_build(tmp_path: Path, pdf_path: Path) -> None:
    output = tmp_path / "publicatie.pdf"
    # As the real site's build: links to pages outside the publication go to the public site.
    result = run_leren_pdf(output, LEREN_SITE_URL=TEST_SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(output) in result.stdout
    assert "pagina's" in result.stdout
    assert output.read_bytes() == pdf_path.read_bytes()


def test_source_date_epoch_sets_the_pdf_dates(tmp_path: Path) -> None:
    output = tmp_path / "publicatie.pdf"
    result = run_leren_pdf(output, SOURCE_DATE_EPOCH="1498867200")
    assert result.returncode == 0, result.stdout + result.stderr
    metadata = PdfReader(output).metadata
    assert metadata is not None
    assert metadata["/CreationDate"] == "D:20170701000000Z"
    assert metadata["/ModDate"] == "D:20170701000000Z"


def test_the_pdf_structure_tags_headings_tables_and_described_figures(
    reader: PdfReader, real_content: Content
) -> None:
    kinds: dict[str, int] = {}
    alternatives: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        kind = node.get("/S")
        if kind:
            kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "/Figure":
            alternatives.append(str(node.get("/Alt", "")))
        children = node.get("/K")
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, int):
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert kinds["/H1"] >= 8
    assert kinds["/H2"] >= len(real_content.lessons)
    assert kinds["/Table"] >= 1 and kinds["/TH"] >= 1
    assert len(alternatives) >= 2
    assert all(len(text) > 40 for text in alternatives), alternatives
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


# The PDF reads nothing from outside the site: its URL fetcher serves only the site's own images,
# fonts and stylesheets, and nothing is ever attached. These hold on their own, whatever the
# checks before the PDF let through.

OWN_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


@pytest.fixture
def site_files(tmp_path: Path) -> SiteFiles:
    docs, overrides = tmp_path / "docs", tmp_path / "overrides"
    (docs / "assets").mkdir(parents=True)
    overrides.mkdir()
    (docs / "assets" / "schema.svg").write_text(OWN_IMAGE, encoding="utf-8")
    (overrides / "logo.svg").write_text(OWN_IMAGE, encoding="utf-8")
    (docs / "pagina.md").write_text("# Een pagina\n", encoding="utf-8")
    (tmp_path / "geheim.svg").write_text(OWN_IMAGE, encoding="utf-8")
    (docs / "assets" / "naar-buiten.svg").symlink_to(tmp_path / "geheim.svg")
    (docs / "assets" / "wachtwoorden.svg").symlink_to("/etc/passwd")
    return SiteFiles((docs.resolve(), overrides.resolve()))


def test_the_fetcher_serves_the_sites_own_images(site_files: SiteFiles) -> None:
    docs, overrides = site_files.folders
    image = docs / "assets" / "schema.svg"
    assert site_files.path_of(image.as_uri()) == image
    assert site_files.path_of((overrides / "logo.svg").as_uri()) == overrides / "logo.svg"


OTHER_HOST = "de PDF haalt niets van een andere server"
OUTSIDE = "de PDF leest alleen bestanden uit docs/ en overrides/"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:9/beeld.png", OTHER_HOST),
        ("https://example.org/beeld.svg", OTHER_HOST),
        ("ftp://example.org/beeld.svg", OTHER_HOST),
        ("file://example.org/etc/passwd", OTHER_HOST),
        (
            "data:image/svg+xml,<svg/>",
            "de PDF leest alleen bestanden van de site zelf, geen data-adres",
        ),
        (
            "javascript:alert(1)",
            "de PDF leest alleen bestanden van de site zelf, geen javascript-adres",
        ),
        ("file:///etc/passwd", OUTSIDE),
        ("{docs}/assets/%2e%2e/%2e%2e/geheim.svg", OUTSIDE),
        ("{docs}/assets/naar-buiten.svg", OUTSIDE),
        ("{docs}/assets/wachtwoorden.svg", OUTSIDE),
        ("{docs}/pagina.md", "de PDF leest alleen afbeeldingen, lettertypen en stijlbladen"),
        ("{docs}/assets/ontbreekt.svg", "het bestand ontbreekt.svg bestaat niet"),
        ("{docs}/assets/%00.svg", "dit is geen geldig adres van een bestand"),
    ],
)
def test_the_fetcher_refuses_everything_else(site_files: SiteFiles, url: str, reason: str) -> None:
    with pytest.raises(Refused) as refused:
        site_files.path_of(url.format(docs=site_files.folders[0].as_uri()))
    assert str(refused.value) == reason


class Requests(ThreadingHTTPServer):
    """A local web server that only counts what is asked of it."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.paths.append(self.path)
                self.send_error(404)

            def log_message(self, format: str, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/"


@pytest.fixture
def requests() -> Iterator[Requests]:
    server = Requests()
    yield server
    server.shutdown()
    server.server_close()


def attachments(data: bytes) -> list[str]:
    """What a PDF embeds: its embedded files and its file-attachment annotations."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    found = []
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("/EmbeddedFiles")
    found += ["/AF"] if "/AF" in root else []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                found.append("/FileAttachment")
    return found


def test_a_hostile_document_fetches_and_attaches_nothing(
    site_files: SiteFiles, requests: Requests
) -> None:
    docs = site_files.folders[0].as_uri() + "/"
    server = requests.url
    html = f"""<!doctype html><html lang="nl"><head><title>Vijandig</title>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="stylesheet" href="{server}stijl.css">
      <style>@import url("{server}import.css"); p {{ background: url("file:///etc/passwd") }}</style>
      </head><body>
      <p><a rel="attachment" href="file:///etc/passwd">bijlage</a>
      <a rel="attachment" href="assets/schema.svg">eigen bestand als bijlage</a></p>
      <img src="{server}beeld.png" alt="van een andere server">
      <img src="file:///etc/passwd" alt="van buiten de site">
      <img src="assets/schema.svg" alt="van de site zelf">
      <svg width="10" height="10"><image href="{server}in-svg.png" width="10" height="10"/></svg>
      <object data="{server}object.svg" type="image/svg+xml"></object>
      <embed src="{server}embed.svg" type="image/svg+xml">
      </body></html>"""
    result = typeset(html, docs, site_files)
    assert requests.paths == []
    assert attachments(result.data) == []
    attachment = 'de PDF neemt geen bijlagen op (rel="attachment")'
    assert result.refused == sorted(
        [
            (f"{server}stijl.css", OTHER_HOST),
            (f"{server}import.css", OTHER_HOST),
            (f"{server}beeld.png", OTHER_HOST),
            (f"{server}in-svg.png", OTHER_HOST),
            (f"{server}object.svg", OTHER_HOST),
            (f"{server}embed.svg", OTHER_HOST),
            ("file:///etc/passwd", OUTSIDE),
            ("file:///etc/passwd", attachment),
            (f"{docs}assets/schema.svg", attachment),
        ]
    )


def test_weasyprint_by_itself_would_attach_the_file() -> None:
    """The check above sees attachments where there are some: with its own fetcher, WeasyPrint
    embeds the files that links with rel="attachment" name."""
    import weasyprint

    html = (
        '<link rel="attachment" href="file:///etc/hostname">'
        '<p><a rel="attachment" href="file:///etc/passwd">bijlage</a></p>'
    )
    assert attachments(weasyprint.HTML(string=html).write_pdf()) == [
        "/EmbeddedFiles",
        "/FileAttachment",
    ]


HOSTILE_LESSON = """\
Een les met <a rel="attachment" href="file:///etc/passwd">een bijlage</a> en een beeld van elders:

![Beeld van elders](SERVER/beeld.png)

<img src="file:///etc/passwd" alt="Een bestand van buiten de site">

![Een pad dat de site uit leidt](../../../../../../../../etc/passwd)
"""


def test_the_pdf_refuses_hostile_content_and_names_its_file(
    tmp_path: Path, requests: Requests
) -> None:
    from leren.engine import load_publication_settings

    root = write_fixture_site(write_content(tmp_path / "site"))
    clean, problems = load_content(root)
    assert clean is not None, problems
    # Past the loader: the sanitiser removes the attachment and the images with a scheme, and
    # the URL fetcher refuses the relative path that climbs out of the site.
    lesson = clean.lessons["als-het-veilig-is"]
    hostile = dataclasses.replace(lesson, body=HOSTILE_LESSON.replace("SERVER/", requests.url))
    content = dataclasses.replace(clean, lessons={lesson.id: hostile})
    settings = load_publication_settings(root / "mkdocs.yml")
    with pytest.raises(PdfRefused) as refused:
        render(content, settings)
    assert requests.paths == []
    assert str(refused.value).splitlines() == [
        "De PDF van de publicatie is niet gemaakt: hij neemt alleen afbeeldingen, lettertypen en "
        "stijlbladen uit docs/ en overrides/ van de site zelf op, haalt niets van andere servers "
        "en bevat geen bijlagen. Geweigerd:",
        f"lessons/als-het-veilig-is.md: {OUTSIDE}: file:///etc/passwd",
    ]


def test_leren_pdf_on_hostile_content_fails_with_a_dutch_message(
    tmp_path: Path, requests: Requests
) -> None:
    root = write_fixture_site(write_content(tmp_path / "site"))
    lesson = root / "lessons" / "als-het-veilig-is.md"
    front_matter = lesson.read_text(encoding="utf-8").rsplit("---\n", 1)[0]
    lesson.write_text(
        front_matter + "---\n" + HOSTILE_LESSON.replace("SERVER/", requests.url), encoding="utf-8"
    )
    output = tmp_path / "publicatie.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "leren.cli", "pdf", str(output)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("leren: fout: ") or "leren: fout: " in result.stderr
    assert "lessons/als-het-veilig-is.md" in result.stderr
    assert result.stdout == ""
    assert not output.exists()
    assert requests.paths == []
