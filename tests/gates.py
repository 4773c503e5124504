"""Quality gates as reusable functions: each returns the faults it finds (empty means pass).

They run on the real site (tests/test_quality.py) and on small fixtures that carry one fault each
(tests/test_gates_catch_faults.py), which shows every gate can fail. Messages are in Dutch: they
are what an editor reads when CI stops a change.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Route
from playwright.sync_api import Page as BrowserPage

from tests.htmlpage import Page, pages

REPO = Path(__file__).resolve().parent.parent
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what EN 301 549 and Dutch public bodies require.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Accessibility: axe-core in the browser -------------------------------------------------------


def axe_source() -> str:
    """axe-core's script from node_modules; fails in CI and skips elsewhere when it is missing."""
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT} ontbreekt: draai 'npm ci' in {REPO}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: BrowserPage, axe: str) -> list[str]:
    """Run axe-core on the page as it is now; one line per rule broken, naming the elements."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
            });
            return result.violations.map(v => ({
                id: v.id, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))
            }));
        }""",
        AXE_TAGS,
    )
    path = urlsplit(page.url).path
    return [
        f"{path}: {item['id']} ({item['help']}): {', '.join(item['targets'])}" for item in found
    ]


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


# Privacy: every request the browser makes -------------------------------------------------------


@dataclass
class RequestLog:
    """Every URL a browser context requested; other hosts' requests were answered locally."""

    own_host: str
    urls: list[str]

    def offsite(self) -> list[str]:
        return offsite_requests(self.urls, self.own_host)


def offsite_requests(urls: list[str], own_host: str) -> list[str]:
    """The requested URLs that go to any host but the site's own (data: and blob: stay local)."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob", "about")
        and urlsplit(url).netloc != own_host
    ]


@contextmanager
def recording_requests(context: BrowserContext, site_url: str) -> Iterator[RequestLog]:
    """Record every request of every page in the context. A request to another host is recorded
    and then aborted, so nothing ever leaves the machine."""
    log = RequestLog(urlsplit(site_url).netloc, [])

    def handle(route: Route) -> None:
        url = route.request.url
        log.urls.append(url)
        if urlsplit(url).netloc == log.own_host:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", handle)
    try:
        yield log
    finally:
        context.unroute("**/*", handle)


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


# Keyboard: Tab through a page -------------------------------------------------------------------


@dataclass(frozen=True)
class FocusStop:
    description: str
    visible: bool
    in_content: bool


FOCUSABLE_IN_ORDER = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';
    const radios = new Set();
    return [...document.querySelectorAll(selector)].filter(el => {
        if (el.disabled || el.closest('[inert], [hidden]') || el.tabIndex < 0) return false;
        if (el.type === 'radio' && el.name) {
            if (radios.has(el.name)) return false;
            radios.add(el.name);
        }
        const style = getComputedStyle(el);
        return style.visibility === 'visible' && el.getClientRects().length > 0;
    }).map(el => window.__describe(el));
}"""

DESCRIBE = """() => {
    window.__describe = el => {
        const text = (el.getAttribute('aria-label') || el.innerText || el.title || el.value || '')
            .replace(/\\s+/g, ' ').trim().slice(0, 50);
        const where = el.getAttribute('href') || el.getAttribute('for') || el.id || '';
        const classes = [...el.classList].filter(c => c.startsWith('md-') || c.startsWith('lve-'));
        const name = [el.tagName.toLowerCase(), ...classes].join('.');
        return `${name} "${text}" ${where}`.trim();
    };
}"""

INDICATOR_BOX = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // A visually hidden radio or checkbox shows its focus on a label beside it, in its parent.
    let r = el.getBoundingClientRect();
    if ((r.width < 2 || r.height < 2) && el.parentElement) {
        r = el.parentElement.getBoundingClientRect();
    }
    const pad = 8;
    const x = Math.max(0, r.left - pad), y = Math.max(0, r.top - pad);
    const right = Math.min(innerWidth, r.right + pad), bottom = Math.min(innerHeight, r.bottom + pad);
    return {
        description: window.__describe(el),
        in_content: !!el.closest('article'),
        box: right - x >= 1 && bottom - y >= 1 && r.width * r.height > 0
            ? {x, y, width: right - x, height: bottom - y} : null
    };
}"""


def keyboard_walk(page: BrowserPage, limit: int = 300) -> tuple[list[FocusStop], list[str]]:
    """Press Tab from the top of the loaded page until focus leaves the page. Returns the stops,
    each with whether focusing it changed what is on screen around it, and the focusable elements
    in document order (what Tab should reach)."""
    page.evaluate(DESCRIBE)
    expected: list[str] = page.evaluate(FOCUSABLE_IN_ORDER)
    stops: list[FocusStop] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)
        info = page.evaluate(INDICATOR_BOX)
        if info is None:
            break
        if info["box"] is None:
            stops.append(FocusStop(info["description"], False, info["in_content"]))
            continue
        clip = info["box"]
        focused = page.screenshot(clip=clip, animations="disabled", caret="initial")
        page.evaluate("() => { window.__focused = document.activeElement; __focused.blur(); }")
        page.wait_for_timeout(30)
        unfocused = page.screenshot(clip=clip, animations="disabled", caret="initial")
        page.evaluate("() => window.__focused.focus({preventScroll: true})")
        stops.append(FocusStop(info["description"], focused != unfocused, info["in_content"]))
    return stops, expected


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


def visit_all(
    page: BrowserPage, site_url: str, site: Path, check: Callable[[BrowserPage], list[str]]
) -> list[str]:
    """Load every built page in one browser page and collect what ``check`` finds on each."""
    faults = []
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html" and path.parent == site:
            continue  # built for the published address (site_url); test_subpath.py checks it there
        page.goto(site_url + path.relative_to(site).as_posix())
        faults += check(page)
    return faults
