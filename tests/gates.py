"""Quality gates as pure functions: each takes what was built or what a browser saw, and returns
the faults it finds (empty means pass). Standard library only: no pytest, no Playwright, so
scripts/external-links runs without the test stack. tests/browsergates.py drives the browser that
collects what these judge.

They run on the real site (tests/test_quality.py) and on small fixtures that carry one fault each
(tests/test_gates_catch_faults.py), which shows every gate can fail. Messages are in Dutch: they
are what an editor reads when CI stops a change.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.htmlpage import Page, pages

REPO = Path(__file__).resolve().parent.parent
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what EN 301 549 and Dutch public bodies require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Accessibility: what axe does not see, read from the built HTML ---------------------------------


def heading_outline_faults(page: Page) -> list[str]:
    """One h1, first; no level skipped on the way down (h2 to h4)."""
    name = page.page_url()
    levels = page.headings
    faults = []
    if levels.count(1) != 1:
        faults.append(f"{name}: {levels.count(1)} koppen h1 in plaats van één")
    if levels and levels[0] != 1:
        faults.append(f"{name}: de eerste kop is h{levels[0]}, geen h1")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            faults.append(f"{name}: kop h{after} volgt op h{before} (niveau overgeslagen)")
    return faults


def text_alternative_faults(page: Page) -> list[str]:
    """Every image, diagram and embedded object has a text alternative; in the content, a figure
    needs a real description (a diagram described as 'figuur' tells a blind reader nothing)."""
    name = page.page_url()
    faults = []
    for tag, attributes, in_content in page.figures:
        hidden = attributes.get("aria-hidden") == "true" or attributes.get("role") in (
            "presentation",
            "none",
        )
        label = attributes.get("alt") if tag == "img" else attributes.get("aria-label")
        if tag == "svg" and (hidden or not in_content):
            # Material's icons sit in named buttons and links; axe checks those names.
            continue
        if tag == "img" and label is None:
            faults.append(f"{name}: <img src={attributes.get('src')!r}> zonder alt-tekst")
        elif in_content and not hidden and len((label or "").strip()) < 20:
            source = attributes.get("src") or attributes.get("data") or tag
            faults.append(
                f"{name}: {tag} {source!r} in de inhoud heeft geen tekstbeschrijving "
                f"(alt/aria-label van minstens 20 tekens), maar {label!r}"
            )
    return faults


def dutch_language_faults(page: Page) -> list[str]:
    return [] if page.lang == "nl" else [f"{page.page_url()}: lang={page.lang!r}, niet 'nl'"]


# Accessibility: which pages get the second, narrow and dark, axe pass --------------------------


def page_kind(name: str) -> str:
    """Pages made from one template share a kind: every lesson is 'lessen/*'; an overview or a
    page from docs/ is a kind of its own."""
    return re.sub(r"^([^/]+)/[^/]+/index\.html$", r"\1/*", name)


def representative_sample(built: Mapping[str, Page]) -> list[str]:
    """A few pages that together show every kind of page and every kind of element on the site:
    of each kind the page with the most kinds of element, then more pages until every element
    kind found on any page is on one of them. Colours and layout hang on elements and classes,
    so the sample meets every rule of the style sheets that any page meets."""
    richest: dict[str, str] = {}
    for name in sorted(built):
        kind = page_kind(name)
        if kind not in richest or len(built[name].element_kinds) > len(
            built[richest[kind]].element_kinds
        ):
            richest[kind] = name
    sample = sorted(richest.values())
    seen = set().union(*(built[name].element_kinds for name in sample))
    everything = set().union(*(page.element_kinds for page in built.values()))
    while seen != everything:
        name = max(sorted(built), key=lambda name: len(built[name].element_kinds - seen))
        sample.append(name)
        seen |= built[name].element_kinds
    return sample


# Privacy: every request the browser makes -------------------------------------------------------


def offsite_requests(urls: list[str], own_host: str) -> list[str]:
    """The requested URLs that go to any host but the site's own (data: and blob: stay local)."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob", "about")
        and urlsplit(url).netloc != own_host
    ]


# Links: a crawl of the built files --------------------------------------------------------------


def broken_links(site: Path) -> list[str]:
    """Every internal link, anchor and resource in every built page that leads nowhere."""
    built = pages(site)
    broken = []
    for name, page in built.items():
        if name == "404.html":
            continue  # its links start at the published address; test_subpath.py crawls them
        for href in [*page.links, *page.resources]:
            resolved = page.resolve(href)
            if resolved is None:
                continue
            path, fragment = resolved
            relative = path.relative_to(site).as_posix() if path.is_relative_to(site) else None
            if relative is None or (relative not in built and not path.is_file()):
                broken.append(f"{name}: {href} (bestaat niet)")
            elif fragment and relative in built and fragment not in built[relative].ids:
                broken.append(f"{name}: {href} (anker #{fragment} bestaat niet)")
    return broken


def external_links(site: Path) -> dict[str, list[str]]:
    """Every link to another site (including mailto:), with the pages that carry it."""
    found: dict[str, list[str]] = {}
    for name, page in pages(site).items():
        for href in page.links:
            if page.resolve(href) is None and name not in found.setdefault(href, []):
                found[href].append(name)
    return dict(sorted(found.items()))


# Reproducible builds: two trees, byte for byte --------------------------------------------------


def diff_trees(first: Path, second: Path) -> list[str]:
    """Files that exist in only one tree, or whose bytes differ."""

    def digests(root: Path) -> dict[str, str]:
        return {
            path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in root.rglob("*")
            if path.is_file()
        }

    a, b = digests(first), digests(second)
    differences = []
    for name in sorted(a.keys() | b.keys()):
        if name not in b:
            differences.append(f"{name}: alleen in de eerste bouw")
        elif name not in a:
            differences.append(f"{name}: alleen in de tweede bouw")
        elif a[name] != b[name]:
            differences.append(f"{name}: verschilt")
    return differences


# Keyboard: what pressing Tab through a page reached ---------------------------------------------


@dataclass(frozen=True)
class FocusStop:
    description: str
    visible: bool
    in_content: bool


def invisible_focus(stops: list[FocusStop]) -> list[str]:
    return [f"focus niet zichtbaar op {stop.description}" for stop in stops if not stop.visible]


def tab_order_faults(stops: list[FocusStop], expected: list[str]) -> list[str]:
    reached = [stop.description for stop in stops]
    if reached == expected:
        return []
    missing = [item for item in expected if item not in reached]
    extra = [item for item in reached if item not in expected]
    faults = [f"niet bereikbaar met Tab: {item}" for item in missing]
    faults += [f"Tab komt op een onzichtbaar element: {item}" for item in extra]
    return faults or ["Tab-volgorde wijkt af van de volgorde in de pagina"]
