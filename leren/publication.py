"""The whole publication as one HTML document, ready to be typeset as a PDF.

Made from the same files as the site: the content model (themes, lessons, cases, organisations)
and the fixed pages in ``docs/`` (samenvatting, over het traject, colofon), in the publication's
order. Nothing here knows MkDocs: the caller passes the Markdown extensions the site uses, so the
text comes out as it does on the site, snippets included. Links between pages become links inside
the document; images are read from ``docs/`` by file path.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown
import yaml

from leren import dutch
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
    "organisaties/index.md": "organisaties",
}
FOLDERS = {Theme: "themas", Lesson: "lessen", Case: "casussen", Organisation: "organisaties"}
ANCHOR_PREFIX = {Theme: "thema", Lesson: "les", Case: "casus", Organisation: "organisatie"}

_ATTRIBUTE = re.compile(r'\b(href|src|id)="([^"]*)"')
_UNLINK = "#lve-geen-link"
_UNLINKED = re.compile(r'<a href="' + re.escape(_UNLINK) + r'"[^>]*>(.*?)</a>', re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
# An image alone in a paragraph, with its caption (an emphasised paragraph) after it, as the
# site's pages write figures: one figure, so it is tagged as one and never split from its caption.
_FIGURE = re.compile(r"<p>(<img [^>]*>)</p>(?:\s*<p><em>(.*?)</em></p>)?", re.DOTALL)
_FIRST_H1 = re.compile(r"^# +(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Settings:
    """What the publication takes from the site's configuration."""

    docs_dir: Path
    templates_dir: Path
    title: str
    author: str
    description: str
    markdown_extensions: list[Any] = field(default_factory=list)
    extension_configs: dict[str, Any] = field(default_factory=dict)
    # Links to pages that are not in the publication point here (the published site), if set.
    site_url: str = ""


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
    # A case told under an earlier lesson is referred to, not repeated.
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


def anchor_of(item: Theme | Lesson | Case | Organisation) -> str:
    return f"{ANCHOR_PREFIX[type(item)]}-{item.id}"


def source_date() -> str | None:
    """The build date in W3C form from SOURCE_DATE_EPOCH (reproducible builds), if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Converter:
    """Markdown to HTML with the site's extensions, and links rewritten for one document."""

    def __init__(self, content: Content, settings: Settings) -> None:
        self.settings = settings
        self.markdown = markdown.Markdown(
            extensions=settings.markdown_extensions,
            extension_configs=settings.extension_configs,
        )
        self.anchors = dict(DOCS_ANCHORS)
        for collection in (
            content.themes,
            content.lessons,
            content.cases,
            content.organisations,
        ):
            for item in collection.values():
                self.anchors[f"{FOLDERS[type(item)]}/{item.id}.md"] = anchor_of(item)

    def convert(self, text: str, source_uri: str, prefix: str, shift: int = 0) -> str:
        """``text`` as HTML; ``source_uri`` is where the page lives on the site (relative links are
        read from there), ``prefix`` makes its ids unique, ``shift`` lowers its headings."""
        self.markdown.reset()
        body = self.markdown.convert(text)
        body = _ATTRIBUTE.sub(lambda match: self._attribute(match, source_uri, prefix), body)
        body = _UNLINKED.sub(r"\1", body)
        body = _FIGURE.sub(_figure, body)
        if shift:
            body = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", body)
        return body

    def _attribute(self, match: re.Match[str], source_uri: str, prefix: str) -> str:
        name, value = match.groups()
        if name == "id":
            return f'id="{prefix}-{value}"'
        parts = urlsplit(html.unescape(value))
        if parts.scheme or parts.netloc:
            return match.group(0)
        if not parts.path:
            return f'href="#{prefix}-{parts.fragment}"'
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source_uri), parts.path))
        if name == "src":
            return f'src="{html.escape((self.settings.docs_dir / target).resolve().as_uri())}"'
        anchor = self.anchors.get(target)
        if anchor:
            return f'href="#{anchor}-{parts.fragment}"' if parts.fragment else f'href="#{anchor}"'
        if self.settings.site_url and target.endswith(".md"):
            page = target.removesuffix(".md")
            page = page.removesuffix("index") if page.split("/")[-1] == "index" else page + "/"
            url = self.settings.site_url.rstrip("/") + "/" + page
            return f'href="{html.escape(url)}"'
        return f'href="{_UNLINK}"'


def _figure(match: re.Match[str]) -> str:
    image, caption = match.groups()
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image}{caption_html}</figure>"


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
    meta, body = _split_page(path)
    heading = _FIRST_H1.search(body)
    title = heading.group(1) if heading else str(meta.get("title", name))
    if heading:
        body = body[: heading.start()] + body[heading.end() :]
    anchor = DOCS_ANCHORS[name]
    return Section(anchor, title, converter.convert(body, name, anchor))


def build_html(content: Content, settings: Settings) -> str:
    """The publication as one HTML document, for WeasyPrint: its own trajectory's lessons, cases
    and participants only, whatever later trajectories the content also holds."""
    content = content.publication_content
    converter = _Converter(content, settings)
    told: set[str] = set()
    chapters = []
    for theme in content.themes_in_order():
        lessons = []
        for number, lesson in enumerate(content.lessons_of_theme(theme), start=1):
            cases = []
            for case in content.cases_of_lesson(lesson):
                anchor = anchor_of(case)
                cases.append(
                    CaseView(
                        case,
                        anchor,
                        converter.convert(case.body, f"casussen/{case.id}.md", anchor, shift=2),
                        content.organisation_of(case),
                        first=case.id not in told,
                    )
                )
                told.add(case.id)
            anchor = anchor_of(lesson)
            lessons.append(
                LessonView(
                    lesson,
                    anchor,
                    converter.convert(lesson.body, f"lessen/{lesson.id}.md", anchor, shift=1),
                    number,
                    cases,
                )
            )
        anchor = anchor_of(theme)
        chapters.append(
            ChapterView(
                theme,
                anchor,
                converter.convert(theme.fields.intro, f"themas/{theme.id}.md", anchor),
                lessons,
            )
        )
    organisations = [
        OrganisationView(
            organisation,
            anchor_of(organisation),
            converter.convert(
                organisation.fields.intro,
                f"organisaties/{organisation.id}.md",
                anchor_of(organisation),
                shift=1,
            ),
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
    environment.filters["thousands"] = lambda number: f"{number:,}".replace(",", ".")
    environment.filters["telwoord"] = dutch.number_word
    environment.filters["maand"] = dutch.month_year
    return environment.get_template(TEMPLATE).render(
        settings=settings,
        content=content,
        summary=_section(converter, settings, SUMMARY_PAGE),
        chapters=chapters,
        organisations=organisations,
        method=_section(converter, settings, METHOD_PAGE),
        colophon=_section(converter, settings, COLOPHON_PAGE),
        created=source_date(),
    )
