"""A tiny reader for built HTML pages: links, headings, text. Standard library only."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class Page(HTMLParser):
    def __init__(self, path: Path, site: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.site = site
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.h1: list[str] = []
        self._in_h1 = False
        # Every heading's level (1-6) in document order, and every <img>/<svg>/<object> with
        # its attributes and whether it sits in the page's content.
        self.headings: list[int] = []
        self.figures: list[tuple[str, dict[str, str | None], bool]] = []
        self._svg_depth = 0
        # Nesting depth of <article>: the page's content, without header, navigation and footer.
        self._in_main = 0
        self.main_links: list[str] = []
        # Every element name, every element name with one of its classes ("a.md-nav__link") and
        # every inline style: what decides colours and layout, so that pages with the same kinds
        # of element look alike to a reader.
        self.element_kinds: set[str] = set()
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.element_kinds.add(tag)
        classes = (attributes.get("class") or "").split()
        self.element_kinds.update(f"{tag}.{name}" for name in classes)
        if attributes.get("style"):
            self.element_kinds.add(f"{tag}[style={attributes['style']}]")
        if identifier := attributes.get("id"):
            self.ids.add(identifier)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        if tag in ("img", "object", "embed", "canvas") or (tag == "svg" and not self._svg_depth):
            self.figures.append((tag, attributes, bool(self._in_main)))
        if tag == "svg":
            self._svg_depth += 1
        if tag == "article":
            self._in_main += 1
        href = attributes.get("href")
        if tag == "a" and href:
            self.links.append(href)
            if self._in_main:
                self.main_links.append(href)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attributes.get("src"):
            self.resources.append(attributes["src"] or "")
        # A canonical link names the page's published address; the browser loads nothing from it.
        if tag == "link" and href and attributes.get("rel") != "canonical":
            self.resources.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if tag == "article" and self._in_main:
            self._in_main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data

    @property
    def title(self) -> str:
        return " ".join(self.h1[0].split()) if self.h1 else ""

    def resolve(self, href: str) -> tuple[Path, str] | None:
        """The built file and fragment an internal link points at; None for external links."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            return None
        base = "/" + self.path.relative_to(self.site).as_posix()
        target = urlsplit(urljoin(base, href))
        path = self.site / unquote(target.path).lstrip("/")
        if target.path.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path, target.fragment

    def page_url(self) -> str:
        """The site URL of this page, as links to it are written after resolving."""
        return self.path.relative_to(self.site).as_posix()


def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p, site) for p in sorted(site.rglob("*.html"))}


def targets(page: Page, links: list[str] | None = None) -> set[str]:
    """Site-relative paths of the pages the given links (default: all links) lead to."""
    found = set()
    for href in page.links if links is None else links:
        resolved = page.resolve(href)
        if resolved:
            found.add(resolved[0].relative_to(page.site).as_posix())
    return found
