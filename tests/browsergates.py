"""The browser's side of the quality gates: Playwright drives Debian's Chromium through the built
site and collects what a reader meets (axe-core's findings, requests, focus stops). The judging
of what was collected is in tests/gates.py, which needs no browser."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Request
from playwright.sync_api import Page as BrowserPage

from tests.gates import AXE_TAGS, FocusStop, offsite_requests

# Accessibility: axe-core in the browser -------------------------------------------------------


def load_axe_on_every_page(window: BrowserContext | BrowserPage, axe: str) -> None:
    """Have every page the context opens, or the page loads, load axe-core before its own scripts.
    Adding the script to each page after it loaded costs as much again as running axe on it."""
    window.add_init_script(script=axe)


def axe_violations(page: BrowserPage, axe: str) -> list[str]:
    """Run axe-core on the page once its transitions have ended (a colour half-way through a fade
    is no colour a reader reads); one line per rule broken, naming the elements."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            await Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null)));
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


def visit_all(
    page: BrowserPage,
    site_url: str,
    paths: Iterable[str],
    check: Callable[[BrowserPage], list[str]],
) -> list[str]:
    """Load each page (a path below the site's address) in one browser page and collect what
    ``check`` finds on each."""
    faults = []
    for path in paths:
        page.goto(site_url + path)
        faults += check(page)
    return faults


# Layout: no sideways scrolling on any screen ------------------------------------------------------

# From a tablet down to the narrowest phone (320 px, also what 400% zoom of 1280 px gives).
WIDTHS = (1024, 768, 390, 320)
# Material animates its drawer and search when the window changes size; the layout a reader gets
# once it has settled is what counts, so animations are switched off before resizing.
NO_ANIMATIONS = "*, *::before, *::after { transition: none !important; animation: none !important }"


def overflow(page: BrowserPage) -> int:
    """How many pixels the document is wider than the window (0: no sideways scrolling)."""
    return int(
        page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
    )


def sideways_scrolling(page: BrowserPage, widths: Iterable[int] = WIDTHS) -> list[str]:
    """Narrow the window of the loaded page to each width (800 px high) and name every width at
    which the page scrolls sideways. The window gets its own size back afterwards."""
    size = page.viewport_size
    page.add_style_tag(content=NO_ANIMATIONS)
    path = urlsplit(page.url).path
    faults = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        if excess := overflow(page):
            faults.append(f"{path} op {width} px: {excess} px te breed")
    if size:
        page.set_viewport_size(size)
    return faults


# Privacy: every request the browser makes -------------------------------------------------------


@dataclass
class RequestLog:
    """Every URL a browser context requested, and those whose request failed."""

    own_host: str
    urls: list[str]
    failed: list[str]

    def offsite(self) -> list[str]:
        return offsite_requests(self.urls, self.own_host)


@contextmanager
def recording_requests(context: BrowserContext, site_url: str) -> Iterator[RequestLog]:
    """Record every request of every page in the context, as the browser makes it. The windows
    of tests/conftest.py reach no other host (LOCAL_ONLY): a request to another host is recorded
    and then fails, so nothing ever leaves the machine. Recording does not hold up requests, so
    the pages load as a reader's do, from the browser's cache too."""
    log = RequestLog(urlsplit(site_url).netloc, [], [])

    def made(request: Request) -> None:
        log.urls.append(request.url)

    def failed(request: Request) -> None:
        log.failed.append(request.url)

    context.on("request", made)
    context.on("requestfailed", failed)
    try:
        yield log
    finally:
        context.remove_listener("request", made)
        context.remove_listener("requestfailed", failed)


# Keyboard: Tab through a page -------------------------------------------------------------------


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
        # Some controls react to focus from a script (the search field opens on a phone).
        page.wait_for_timeout(30)
        info = page.evaluate(INDICATOR_BOX)
        if info is None:
            break
        if info["box"] is None:
            stops.append(FocusStop(info["description"], False, info["in_content"]))
            continue
        clip = info["box"]
        focused = page.screenshot(clip=clip, animations="disabled", caret="initial")
        # Blurring takes the focus style off at once: the next screenshot draws a new frame.
        page.evaluate("() => { window.__focused = document.activeElement; __focused.blur(); }")
        unfocused = page.screenshot(clip=clip, animations="disabled", caret="initial")
        page.evaluate("() => window.__focused.focus({preventScroll: true})")
        stops.append(FocusStop(info["description"], focused != unfocused, info["in_content"]))
    return stops, expected
