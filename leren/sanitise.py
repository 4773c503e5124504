"""The allowlist every body passes after Markdown, and what it would drop, worded for editors.

Content comes from pull requests by strangers, so the HTML that Markdown makes of it is cleaned
by nh3 (Ammonia) before it reaches a page: only the elements and attributes below survive. The
same allowlist tells editors, with file and line, what it removes, so nothing disappears silently.
Nothing here knows MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

# The Markdown extensions of mkdocs.yml that shape a body's HTML (snippets are checked apart, in
# the loader); `leren controleer` renders with them to see what the build will see.
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]

# Each element is on the list because the publication or an editor's Markdown needs it:
# headings, paragraphs, lists, emphasis, quotes and tables are the publication's prose; a, img,
# figure and figcaption are links and the site's own images; abbr explains an abbreviation, kbd a
# key to press (the Bijeenkomst page names the clicker's keys); code
# and pre let the colofon show markup literally; div and p carry the admonition markup; br, hr,
# sup and sub are plain typography.
ALLOWED_TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
        "ul", "ol", "li", "em", "strong", "blockquote", "code", "pre", "sup", "sub",
        "a", "img", "figure", "figcaption", "abbr", "kbd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "div",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start"}),
    # Markdown tables align columns with a style attribute; only text-align survives in it.
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    # Anchors for the table of contents and for links to a heading.
    **{f"h{level}": frozenset({"id"}) for level in range(1, 7)},
}
# Classes with a meaning in the site's styles: Material's buttons and admonitions.
ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"md-button", "md-button--primary"}),
    "div": frozenset({"admonition", "note", "abstract", "info", "tip", "example", "quote"}),
    # The line that opens a lesson or case page with where it comes from (lve-origin.md).
    "p": frozenset({"admonition-title", "lve-origin"}),
}
ALLOWED_STYLE_PROPERTIES = frozenset({"text-align"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def _keep_site_images(tag: str, attribute: str, value: str) -> str | None:
    # Images come from the site itself: a picture from another host would tell it who reads.
    if tag == "img" and attribute == "src" and _is_external(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
    url_schemes=set(LINK_SCHEMES),
    attribute_filter=_keep_site_images,
    # Internal links stay as Markdown made them; editors cannot set rel or target.
    link_rel=None,
    strip_comments=True,
)


def clean(html: str) -> str:
    """The HTML with everything outside the allowlist removed."""
    return _CLEANER.clean(html)


@cache
def _markdown() -> markdown.Markdown:
    # Setting up the extensions costs more than converting a short body: one instance, reset.
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)


def render(text: str) -> str:
    """A body's HTML as the site's Markdown makes it (without snippets)."""
    return _markdown().reset().convert(text)


@dataclass(frozen=True)
class Removal:
    """One thing the allowlist removes: a Dutch explanation, and text to find it in the source:
    each needle is looked for from where the one before it was found (element, then attribute)."""

    message: str
    needles: tuple[str, ...]


def removals(html: str) -> list[Removal]:
    """Everything ``clean`` would remove from ``html``, in document order."""
    # Fast path: Markdown's own output, which the cleaner leaves as it is.
    if clean(html) == _normalise_void(html):
        return []
    found = _AllowlistCheck.run(html)
    if found:
        return found
    # A parser differential: the cleaner changed something the checks above did not name.
    if _Signature.of(clean(html)) != _Signature.of(html):
        return [
            Removal(
                "hier staat opmaak die bij het opschonen wegvalt of verandert; gebruik gewone "
                "tekst en Markdown",
                (),
            )
        ]
    return []


# Markdown writes <br />, the cleaner <br>: the same element.
_VOID_SLASH = re.compile(r"\s*/>")


def _normalise_void(html: str) -> str:
    return _VOID_SLASH.sub(">", html)


def _is_external(url: str) -> bool:
    """Whether a URL leaves the site: it has a scheme or names a host (``//host/...``)."""
    squeezed = re.sub(r"[\x00-\x20]", "", url)
    return bool(urlsplit(squeezed).scheme) or squeezed.startswith(("//", "\\\\", "/\\", "\\/"))


def _scheme(url: str) -> str:
    squeezed = re.sub(r"[\x00-\x20]", "", url)
    return urlsplit(squeezed).scheme.lower()


class _AllowlistCheck(HTMLParser):
    """Walks the HTML and names each element, attribute, class, style or URL the cleaner drops."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []

    @classmethod
    def run(cls, html: str) -> list[Removal]:
        check = cls()
        check.feed(html)
        check.close()
        return check.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}"
        # From the element's first line to the attribute or URL, which may be on a later line.
        needles = (raw.split("\n", 1)[0], f"<{tag}")
        if tag not in ALLOWED_TAGS:
            self.found.append(Removal(_element_message(tag), needles))
            return
        for name, value in attrs:
            value = value or ""
            needles_here = (*needles, f"{name}=")
            if name == "class":
                wrong = [c for c in value.split() if c not in ALLOWED_CLASSES.get(tag, ())]
                if wrong:
                    self.found.append(
                        Removal(
                            f"de klasse '{' '.join(wrong)}' op <{tag}> valt weg; alleen de "
                            "klassen voor knoppen en kaders van de site zijn toegestaan",
                            (*needles_here, ".".join(["", *wrong])),
                        )
                    )
                continue
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.found.append(Removal(_attribute_message(tag, name), needles_here))
                continue
            if name == "style":
                properties = {
                    part.split(":", 1)[0].strip().lower()
                    for part in value.split(";")
                    if part.strip()
                }
                extra = sorted(properties - ALLOWED_STYLE_PROPERTIES)
                if extra:
                    self.found.append(
                        Removal(
                            f"de stijl '{', '.join(extra)}' op <{tag}> valt weg; alleen "
                            "'text-align' in tabellen is toegestaan",
                            needles_here,
                        )
                    )
            if name == "href" and _scheme(value) and _scheme(value) not in LINK_SCHEMES:
                self.found.append(
                    Removal(
                        f"de link '{_short(value)}' valt weg: alleen links die beginnen met "
                        "http://, https:// of mailto:, of links binnen de site, zijn toegestaan",
                        (*needles_here, value),
                    )
                )
            if name == "src" and _is_external(value):
                self.found.append(
                    Removal(
                        f"de afbeelding '{_short(value)}' valt weg: afbeeldingen komen van de site "
                        "zelf (zet het bestand in docs/assets/ en verwijs ernaar)",
                        (*needles_here, value),
                    )
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _element_message(tag: str) -> str:
    return (
        f"het HTML-element <{tag}> is niet toegestaan en valt weg (met wat erin staat als het "
        "<script> of <style> is); gebruik gewone tekst en Markdown"
    )


def _attribute_message(tag: str, name: str) -> str:
    if name.startswith("on"):
        why = "het zou code uitvoeren"
    elif name == "style":
        why = "opmaak komt uit de huisstijl van de site"
    else:
        why = "het staat niet op de lijst van toegestane attributen"
    return f"het attribuut '{name}' op <{tag}> valt weg: {why}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Signature(HTMLParser):
    """The elements, attributes and text of a fragment, for comparing before and after cleaning."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[object] = []

    @classmethod
    def of(cls, html: str) -> list[object]:
        signature = cls()
        signature.feed(html)
        signature.close()
        return signature.parts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append((tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.parts.append(text)
