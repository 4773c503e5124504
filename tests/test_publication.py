"""The publication's HTML, in process and without typesetting: one document from many pages.

Links between pages become anchors in the document, ids stay unique, bodies pass the site's
allowlist, and order and numbering follow the content model.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leren.engine import load_publication_settings
from leren.loader import load_content
from leren.publication import Publication, Settings, build_html
from tests.conftest import LESSON, REPO, write_content

SITE_URL = "https://example.org/leren-van-elkaar/"

# The fixture content's lesson, with a section and a link to the second lesson.
FIRST_LESSON = (
    LESSON
    + """
## Aanpak

Lees ook [de tweede les](tweede-les.md).
"""
)
SECOND_LESSON = """\
---
title: "Van verschillen leer je meer."
theme: leren-te-leren
position: 2
cases: [proeftuin-de-ruwaard]
tags: []
trajectory: leer-en-intervisietraject
---
Terug naar [de eerste les](als-het-veilig-is.md) of [de proeftuin](../casussen/proeftuin-de-ruwaard.md#aanpak).

## Aanpak

Zie [de aanpak](#aanpak), [de *ideale* regio](../ideale-gemeente-en-regio.md),
[de samenvatting](../samenvatting.md) en [de VGS](https://www.gemeentesecretaris.nl).

![Een schema van het traject.](../assets/schema.svg)

*Het traject in één schema.*
"""
SCHEMA_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


@pytest.fixture(scope="module")
def site_settings() -> Settings:
    """The real site's settings: the same Markdown extensions as the site."""
    return load_publication_settings(REPO / "mkdocs.yml")


def fixture_publication(root: Path, settings: Settings, site_url: str = SITE_URL) -> Publication:
    write_content(root)
    (root / "lessons" / "als-het-veilig-is.md").write_text(FIRST_LESSON, encoding="utf-8")
    (root / "lessons" / "tweede-les.md").write_text(SECOND_LESSON, encoding="utf-8")
    case = root / "cases" / "proeftuin-de-ruwaard.md"
    case.write_text(
        case.read_text(encoding="utf-8") + "\n## Aanpak\n\nEen trekker.\n", encoding="utf-8"
    )
    docs = root / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "schema.svg").write_text(SCHEMA_SVG, encoding="utf-8")
    (docs / "samenvatting.md").write_text(
        "---\ntitle: Samenvatting\n---\n\n# Samenvatting: wat we leerden\n\nDe [tweede les](lessen/tweede-les.md) vat het samen.\n",
        encoding="utf-8",
    )
    content, problems = load_content(root)
    assert content is not None, problems
    return build_html(content, dataclasses.replace(settings, docs_dir=docs, site_url=site_url))


class Anchors(HTMLParser):
    """Every id (with how often it occurs) and every link of a document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.hrefs: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value))
            if name == "id" and value:
                self.ids[value] += 1
            if name == "href" and value:
                self.hrefs.append(value)


def body_of(publication: Publication, source: str) -> str:
    return next(html for body, html in publication.bodies if body.source == source)


def test_a_lesson_joins_the_document(tmp_path: Path, site_settings: Settings) -> None:
    publication = fixture_publication(tmp_path, site_settings)
    assert body_of(publication, "lessons/tweede-les.md") == (
        '<p>Terug naar <a href="#les-als-het-veilig-is">de eerste les</a> of '
        '<a href="#casus-proeftuin-de-ruwaard-aanpak">de proeftuin</a>.</p>\n'
        '<h3 id="les-tweede-les-aanpak">Aanpak</h3>\n'
        '<p>Zie <a href="#les-tweede-les-aanpak">de aanpak</a>, '
        f'<a href="{SITE_URL}ideale-gemeente-en-regio/">de <em>ideale</em> regio</a>,\n'
        '<a href="#samenvatting">de samenvatting</a> en '
        '<a href="https://www.gemeentesecretaris.nl">de VGS</a>.</p>\n'
        # Relative to docs/, the document's base URL, where the URL fetcher reads it.
        '<figure><img alt="Een schema van het traject." src="assets/schema.svg">'
        "<figcaption>Het traject in één schema.</figcaption></figure>"
    )


def test_a_link_with_nowhere_to_go_keeps_its_words(tmp_path: Path, site_settings: Settings) -> None:
    """Without a published address, a page outside the publication is named, not linked."""
    publication = fixture_publication(tmp_path, site_settings, site_url="")
    assert (
        '<p>Zie <a href="#les-tweede-les-aanpak">de aanpak</a>, de <em>ideale</em> regio,\n'
        in body_of(publication, "lessons/tweede-les.md")
    )


def test_the_document_links_within_itself_with_unique_ids(
    tmp_path: Path, site_settings: Settings
) -> None:
    publication = fixture_publication(tmp_path, site_settings)
    anchors = Anchors(publication.html)
    assert [name for name, count in anchors.ids.items() if count > 1] == []
    internal = [href for href in anchors.hrefs if href.startswith("#")]
    assert {href[1:] for href in internal} <= set(anchors.ids)
    assert [href for href in anchors.hrefs if ".md" in href] == []
    # Both lessons have a heading "Aanpak"; each keeps its own id.
    assert {"les-als-het-veilig-is-aanpak", "les-tweede-les-aanpak"} <= set(anchors.ids)


def test_a_fixed_page_gives_its_first_heading_as_its_title(
    tmp_path: Path, site_settings: Settings
) -> None:
    publication = fixture_publication(tmp_path, site_settings)
    assert body_of(publication, "docs/samenvatting.md") == (
        '<p>De <a href="#les-tweede-les">tweede les</a> vat het samen.</p>'
    )
    assert '<h1 data-running="Samenvatting">Samenvatting: wat we leerden</h1>' in publication.html


def test_order_numbering_and_first_telling_come_from_the_content(
    tmp_path: Path, site_settings: Settings
) -> None:
    html = fixture_publication(tmp_path, site_settings).html
    first, second = html.index('id="les-als-het-veilig-is"'), html.index('id="les-tweede-les"')
    assert first < second
    assert "Les 1 van 2" in html[first:second]
    assert "Les 2 van 2" in html[second:]
    # The case is told in full under the first lesson it illustrates, referred to after that.
    assert html.count('<section class="lve-case" id="casus-proeftuin-de-ruwaard">') == 1
    assert first < html.index('id="casus-proeftuin-de-ruwaard"') < second
    assert 'class="lve-page-ref" href="#casus-proeftuin-de-ruwaard"' in html[second:]


def test_the_real_publication_links_within_itself(site_settings: Settings) -> None:
    content, problems = load_content(REPO)
    assert content is not None, problems
    anchors = Anchors(build_html(content, site_settings).html)
    assert [name for name, count in anchors.ids.items() if count > 1] == []
    internal = {href[1:] for href in anchors.hrefs if href.startswith("#")}
    assert internal - set(anchors.ids) == set()
    assert [href for href in anchors.hrefs if ".md" in href] == []
