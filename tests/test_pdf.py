"""The publication as a PDF: made by the build from the same content, typeset as a publication."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from leren.loader import load_content
from leren.pdf import dutch_size
from leren.structure import Content
from tests.conftest import REPO, TEST_SITE_URL, Build
from tests.htmlpage import Page

PDF = "leren-van-elkaar.pdf"
loaded = load_content(REPO)[0]
assert loaded is not None
CONTENT: Content = loaded


@pytest.fixture(scope="module")
def pdf_path(real_site: Build) -> Path:
    return real_site.site / PDF


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
    reader: PdfReader,
) -> None:
    first_chapter = reader.get_destination_page_number(reader.outline[2])
    body = squeeze(" ".join(page.extract_text() for page in reader.pages[first_chapter:]))
    expected = []
    told: set[str] = set()
    for theme in CONTENT.themes_in_order():
        expected.append(f"{theme.fields.number}.{theme.fields.title}")
        for lesson in CONTENT.lessons_of_theme(theme):
            expected.append(lesson.fields.title)
            for case in CONTENT.cases_of_lesson(lesson):
                if case.id not in told:
                    expected.append(case.fields.title)
                    told.add(case.id)
    assert len(told) == len(CONTENT.cases)
    position = 0
    for title in expected:
        found = body.find(squeeze(title), position)
        assert found >= 0, f"{title!r} ontbreekt of staat niet op zijn plaats"
        position = found
    assert "Deelnemendeorganisaties" in body[position:]
    assert "Colofon" in body[position:]


def test_the_bookmarks_follow_the_chapters_and_lessons(reader: PdfReader) -> None:
    tree = outline(reader)
    chapters = [f"{t.fields.number}. {t.fields.title}" for t in CONTENT.themes_in_order()]
    assert [title for title, _ in tree] == [
        "Inhoud",
        "Samenvatting: Lessen van drie jaar leren van elkaar",
        *chapters,
        "Deelnemende organisaties",
        "Over het traject",
        "Colofon",
    ]
    for theme, (_, lessons) in zip(CONTENT.themes_in_order(), tree[2:5], strict=True):
        assert [title for title, _ in lessons] == [
            lesson.fields.title for lesson in CONTENT.lessons_of_theme(theme)
        ]
    stroomlijn = next(lesson for theme in tree[2:5] for lesson in theme[1] if lesson[1])
    assert stroomlijn[1][0][0] in {case.fields.title for case in CONTENT.cases.values()}


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


def test_home_and_theme_pages_offer_the_pdf_with_its_size(real_site: Build, pdf_path: Path) -> None:
    size = dutch_size(pdf_path.stat().st_size)
    assert re.fullmatch(r"\d+ kB|\d+,\d MB", size)
    for name in ("index.html", *(f"themas/{theme}/index.html" for theme in CONTENT.themes)):
        page = Page(real_site.site / name, real_site.site)
        html = (real_site.site / name).read_text(encoding="utf-8")
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


def test_the_pdf_structure_tags_headings_tables_and_described_figures(reader: PdfReader) -> None:
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
    assert kinds["/H2"] >= len(CONTENT.lessons)
    assert kinds["/Table"] >= 1 and kinds["/TH"] >= 1
    assert len(alternatives) >= 2
    assert all(len(text) > 40 for text in alternatives), alternatives
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
