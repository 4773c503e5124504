"""The whole publication as one HTML document, ready to be typeset as a PDF.

Made from the same files as the site: the content model (themes, lessons, cases, organisations)
and the fixed pages in ``docs/`` (samenvatting, over het traject, colofon), in the publication's
order. Nothing here knows MkDocs: the caller passes the Markdown extensions the site uses, so the
text comes out as it does on the site, snippets included. Each body joins the one document through
a Markdown tree processor (`DocumentLinks`): links between pages become links inside the document,
ids become unique, images are read from ``docs/`` by file path.
"""

from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
import markdown
import yaml
from markdown.treeprocessors import Treeprocessor

from leren import addresses, dutch, sanitise
from leren.addresses import anchor as anchor_of
from leren.structure import Case, Content, Lesson, Organisation, Theme

PDF_NAME = "leren-van-elkaar.pdf"
TEMPLATE = "pdf/publicatie.html"

# Fixed pages of docs/ in the publication, with the anchor each gets in the document.
SUMMARY_PAGE = "samenvatting.md"
METHOD_PAGE = "over-het-traject.md"
COLOPHON_PAGE = "colofon.md"
DOCS_ANCHORS = {
    SUMMARY_PAGE: "samenvatting",
    METHOD_PAGE: "over-het-traject",
    COLOPHON_PAGE: "colofon",
    addresses.OVERVIEWS.organisations: addresses.FOLDERS[Organisation],
}

_HEADINGS = {f"h{level}": level for level in range(1, 7)}


@dataclass(frozen=True)
class Settings:
    """What the publication takes from the site's configuration, as plain data."""

    docs_dir: Path
    templates_dir: Path
    title: str
    author: str
    description: str
    # The site's Markdown extensions by name, and their options by name.
    markdown_extensions: list[str] = field(default_factory=list)
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Links to pages that are not in the publication point here (the published site), if set.
    site_url: str = ""


@dataclass(frozen=True)
class Body:
    """One text joining the document: where it was written and where its page is on the site."""

    # The file an editor wrote, for messages ('lessons/x.md', 'docs/colofon.md').
    source: str
    # The page's place on the site (its page file): its relative links are read from there.
    uri: str
    # Its anchor in the document, which also prefixes its ids so they stay unique.
    anchor: str
    # How many levels its headings go down, to sit under the document's own headings.
    shift: int = 0
    # Whether its first top-level heading is its title, set apart by the document's template.
    titled: bool = False


@dataclass(frozen=True)
class Section:
    """A fixed page of docs/: its anchor, its title (its first heading) and its body."""

    anchor: str
    title: str
    html: str


@dataclass(frozen=True)
class CaseView:
    case: Case
    anchor: str
    html: str
    organisation: Organisation | None
    # A case is told under the first lesson it illustrates; later lessons refer to it.
    first: bool


@dataclass(frozen=True)
class LessonView:
    lesson: Lesson
    anchor: str
    html: str
    number: int
    cases: list[CaseView]


@dataclass(frozen=True)
class ChapterView:
    theme: Theme
    anchor: str
    intro: str
    lessons: list[LessonView]


@dataclass(frozen=True)
class OrganisationView:
    organisation: Organisation
    anchor: str
    html: str


@dataclass(frozen=True)
class Publication:
    """The document, and every body in it as HTML with the file it came from (for messages)."""

    html: str
    bodies: list[tuple[Body, str]]

    def sources_naming(self, url: str, base_url: str) -> list[str]:
        """The files whose text names ``url`` (read against the document's ``base_url``), so a
        message can say where to look."""
        return sorted(
            {body.source for body, html in self.bodies if url in _addresses(html, base_url)}
        )


class _AddressReader(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.found.add(urljoin(self.base_url, value))


def _addresses(html: str, base_url: str) -> set[str]:
    """Every address an HTML fragment names in src or href, as absolute URLs."""
    reader = _AddressReader(base_url)
    reader.feed(html)
    reader.close()
    return reader.found


def source_date() -> str | None:
    """The build date in W3C form from SOURCE_DATE_EPOCH (reproducible builds), if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DocumentLinks(Treeprocessor):
    """Makes one page's body part of the single document, on Markdown's element tree.

    Links to pages in the publication become links to their anchor, links to other pages of the
    site go to the published site (or lose their link when it has no address), ids get the
    page's anchor as prefix, images are read from ``docs/`` by file path, headings go down to fit
    under the document's own, and an image alone in a paragraph becomes a figure with its
    caption (an emphasised paragraph after it), so it is tagged as one and never split from it.

    Raw HTML an editor typed is not part of the tree; what it would fetch meets the PDF's URL
    fetcher (``leren.pdf``), which serves only the site's own files.
    """

    # After every other tree processor: headings have their ids (toc) and attribute values are
    # final (unescape).
    PRIORITY = -10

    def __init__(self, md: markdown.Markdown, content: Content, settings: Settings) -> None:
        super().__init__(md)
        self.docs_dir = settings.docs_dir.resolve()
        self.site_url = settings.site_url.rstrip("/")
        self.anchors = dict(DOCS_ANCHORS)
        for collection in (
            content.themes,
            content.lessons,
            content.cases,
            content.organisations,
        ):
            for item in collection.values():
                self.anchors[addresses.src_uri(item)] = anchor_of(item)
        self.body = Body("", "", "")
        # The title taken from the last body that has one (`Body.titled`).
        self.title: str | None = None

    def run(self, root: etree.Element) -> None:
        self.title = None
        if self.body.titled:
            heading = next((child for child in root if child.tag == "h1"), None)
            if heading is not None:
                self.title = "".join(heading.itertext()).strip()
                root.remove(heading)
        unlinked: list[etree.Element] = []
        for element in root.iter():
            if "id" in element.attrib:
                element.set("id", f"{self.body.anchor}-{element.get('id')}")
            if (src := element.get("src")) is not None:
                element.set("src", self._image(src))
            if (href := element.get("href")) is not None:
                target = self._link(href)
                if target is None:
                    unlinked.append(element)
                else:
                    element.set("href", target)
            level = _HEADINGS.get(element.tag)
            if level and self.body.shift:
                element.tag = f"h{min(6, level + self.body.shift)}"
        parents = {child: parent for parent in root.iter() for child in parent}
        # Innermost first, so a link inside another leaves its text where the outer one was.
        for element in reversed(unlinked):
            _unwrap(element, parents[element])
        for parent in list(root.iter()):
            _make_figures(parent)

    def _target(self, path: str) -> str:
        """A path written on the page at ``body.uri``, as a path from the root of docs/."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.body.uri), path))

    def _image(self, src: str) -> str:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return src  # not the site's own file: the PDF's URL fetcher refuses it
        # Relative to docs/, which is the document's base URL: the sanitiser keeps no image with
        # a scheme, and the PDF's URL fetcher reads the file only from the site's own folders.
        return self._target(parts.path)

    def _link(self, href: str) -> str | None:
        """Where a link goes in the document, or None where it can go nowhere."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        if not parts.path:
            return f"#{self.body.anchor}-{parts.fragment}" if parts.fragment else None
        target = self._target(parts.path)
        anchor = self.anchors.get(target)
        if anchor:
            return f"#{anchor}-{parts.fragment}" if parts.fragment else f"#{anchor}"
        if self.site_url and target.endswith(".md"):
            page = target.removesuffix(".md")
            page = page.removesuffix("index") if page.split("/")[-1] == "index" else page + "/"
            return f"{self.site_url}/{page}"
        return None


def _unwrap(element: etree.Element, parent: etree.Element) -> None:
    """Replace ``element`` by its text and children (a link that can go nowhere keeps its words)."""
    index = list(parent).index(element)
    parent.remove(element)
    _add_text(parent, index, element.text)
    for child in element:
        parent.insert(index, child)
        index += 1
    _add_text(parent, index, element.tail)


def _add_text(parent: etree.Element, index: int, text: str | None) -> None:
    """Add ``text`` to ``parent`` right after its first ``index`` children."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


def _make_figures(parent: etree.Element) -> None:
    """An image alone in a paragraph, with the emphasised paragraph after it as its caption."""
    children = list(parent)
    for position, paragraph in enumerate(children):
        if not _only_child(paragraph, "p", "img"):
            continue
        image = paragraph[0]
        figure = etree.Element("figure")
        figure.tail = paragraph.tail
        image.tail = None
        figure.append(image)
        following = children[position + 1] if position + 1 < len(children) else None
        if following is not None and _only_child(following, "p", "em"):
            emphasis = following[0]
            caption = etree.SubElement(figure, "figcaption")
            caption.text = emphasis.text
            caption.extend(list(emphasis))
            figure.tail = following.tail
            parent.remove(following)
        parent.insert(list(parent).index(paragraph), figure)
        parent.remove(paragraph)


def _only_child(element: etree.Element, tag: str, child_tag: str) -> bool:
    """Whether ``element`` is a ``tag`` holding one ``child_tag`` and nothing else."""
    return (
        element.tag == tag
        and len(element) == 1
        and element[0].tag == child_tag
        and not (element.text or "").strip()
        and not (element[0].tail or "").strip()
    )


class _Converter:
    """Markdown to HTML with the site's extensions, each body joined to the document."""

    def __init__(self, content: Content, settings: Settings) -> None:
        self.settings = settings
        self.markdown = markdown.Markdown(
            extensions=settings.markdown_extensions,
            extension_configs=settings.extension_configs,
        )
        self.links = DocumentLinks(self.markdown, content, settings)
        self.markdown.treeprocessors.register(
            self.links, "leren_publication", DocumentLinks.PRIORITY
        )
        self.bodies: list[tuple[Body, str]] = []

    def convert(self, text: str, body: Body) -> str:
        self.markdown.reset()
        self.links.body = body
        # The site's allowlist: nothing from a pull request runs, or is fetched, in the PDF either.
        html = sanitise.clean(self.markdown.convert(text))
        self.bodies.append((body, html))
        return html

    def item(self, item: Theme | Lesson | Case | Organisation, text: str, shift: int = 0) -> str:
        """An item's text; its page is where the site has it."""
        return self.convert(
            text, Body(item.source.path, addresses.src_uri(item), anchor_of(item), shift)
        )


def _split_page(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(front) or {}, body
    return {}, text


def _section(converter: _Converter, settings: Settings, name: str) -> Section | None:
    path = settings.docs_dir / name
    if not path.is_file():
        return None
    meta, text = _split_page(path)
    anchor = DOCS_ANCHORS[name]
    body = Body(f"{settings.docs_dir.name}/{name}", name, anchor, titled=True)
    html = converter.convert(text, body)
    return Section(anchor, converter.links.title or str(meta.get("title", name)), html)


def build_html(content: Content, settings: Settings) -> Publication:
    """The publication as one HTML document, for WeasyPrint: its own trajectory's lessons, cases
    and participants only, whatever later trajectories the content also holds."""
    content = content.publication_content
    converter = _Converter(content, settings)

    def case_view(case: Case, lesson: Lesson) -> CaseView:
        return CaseView(
            case,
            anchor_of(case),
            converter.item(case, case.body, shift=2),
            content.organisation_of(case),
            # Told under the first lesson it illustrates (the lessons come in reading order).
            first=content.lessons_of_case(case)[0].id == lesson.id,
        )

    def lesson_view(lesson: Lesson) -> LessonView:
        return LessonView(
            lesson,
            anchor_of(lesson),
            converter.item(lesson, lesson.body, shift=1),
            content.number_in_theme(lesson),
            [case_view(case, lesson) for case in content.cases_of_lesson(lesson)],
        )

    chapters = [
        ChapterView(
            theme,
            anchor_of(theme),
            converter.item(theme, theme.fields.intro),
            [lesson_view(lesson) for lesson in content.lessons_of_theme(theme)],
        )
        for theme in content.themes_in_order()
    ]
    organisations = [
        OrganisationView(
            organisation,
            anchor_of(organisation),
            converter.item(organisation, organisation.fields.intro, shift=1),
        )
        for organisation in content.organisations_in_order()
    ]
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(settings.templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(dutch.FILTERS)
    html = environment.get_template(TEMPLATE).render(
        settings=settings,
        content=content,
        summary=_section(converter, settings, SUMMARY_PAGE),
        chapters=chapters,
        organisations=organisations,
        method=_section(converter, settings, METHOD_PAGE),
        colophon=_section(converter, settings, COLOPHON_PAGE),
        created=source_date(),
    )
    return Publication(html, converter.bodies)
