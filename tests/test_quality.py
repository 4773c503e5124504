"""Quality gates on the real site: accessibility (axe-core and beyond), no sideways scrolling,
privacy, links and reproducible builds; the keyboard's gates are in tests/test_keyboard.py.
tests/test_gates_catch_faults.py shows each gate failing on a fault."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browsergates import (
    RequestLog,
    axe_violations,
    load_axe_on_every_page,
    recording_requests,
    sideways_scrolling,
    visit_all,
)
from tests.conftest import REPO, WIDE_LIGHT, Build, run_mkdocs
from tests.gates import (
    broken_links,
    diff_trees,
    dutch_language_faults,
    heading_outline_faults,
    representative_sample,
    text_alternative_faults,
)
from tests.htmlpage import Page as HtmlPage
from tests.htmlpage import targets


@dataclass
class Crawl:
    """What loading every built page, one after the other, in one browser window found."""

    pages: list[str]
    axe_violations: list[str]
    too_wide: list[str]
    requests: RequestLog
    cookies: list[object]


def crawlable(built_pages: dict[str, HtmlPage]) -> dict[str, HtmlPage]:
    """Every page but the root 404.html: its links start at the published address (site_url), so
    tests/test_subpath.py checks it there, served under a sub-path."""
    return {name: page for name, page in built_pages.items() if name != "404.html"}


@pytest.fixture(scope="module")
def wide_light_crawl(
    browser: Browser, site_url: str, built_pages: dict[str, HtmlPage], axe: str
) -> Iterator[Crawl]:
    """Every page of the site in a wide window in the light scheme, as most readers first see it:
    axe-core runs on each, then the window narrows from a tablet's width to the narrowest
    phone's, and every request the pages make is recorded (and kept local). One page load serves
    these gates, so each page is loaded once."""
    context = browser.new_context(**WIDE_LIGHT)
    load_axe_on_every_page(context, axe)
    window = context.new_page()
    paths = sorted(crawlable(built_pages))
    violations: list[str] = []
    too_wide: list[str] = []
    with recording_requests(context, site_url) as log:
        for path in paths:
            window.goto(site_url + path)
            violations += axe_violations(window, axe)
            too_wide += sideways_scrolling(window)
        window.wait_for_load_state("networkidle")
    yield Crawl(paths, violations, too_wide, log, list(context.cookies()))
    context.close()


def test_every_page_passes_axe_wcag_a_and_aa_light_wide(wide_light_crawl: Crawl) -> None:
    assert len(wide_light_crawl.pages) > 50
    assert wide_light_crawl.axe_violations == []


def test_no_page_scrolls_sideways_at_any_width(
    wide_light_crawl: Crawl, built_pages: dict[str, HtmlPage]
) -> None:
    # Every page the site has: the home page, and each folder's index.html.
    assert {name for name in built_pages if name.endswith("index.html")} <= set(
        wide_light_crawl.pages
    )
    assert wide_light_crawl.too_wide == []


def test_a_page_of_every_kind_passes_axe_wcag_a_and_aa_dark_narrow(
    narrow_dark_page: Page, site_url: str, built_pages: dict[str, HtmlPage], axe: str
) -> None:
    # On a phone and in the dark scheme the same elements get other colours and places; the
    # sample holds every kind of page and every kind of element any page has (a lesson looks
    # like every other lesson, save for what its text holds).
    sample = representative_sample(crawlable(built_pages))
    load_axe_on_every_page(narrow_dark_page, axe)
    faults = visit_all(narrow_dark_page, site_url, sample, lambda p: axe_violations(p, axe))
    assert faults == []


def test_every_page_has_one_h1_no_skipped_levels_dutch_and_described_figures(
    built_pages: dict[str, HtmlPage],
) -> None:
    built = built_pages
    faults = [
        fault
        for page in built.values()
        for fault in (
            heading_outline_faults(page)
            + text_alternative_faults(page)
            + dutch_language_faults(page)
        )
    ]
    assert faults == []
    # The two redrawn figures are on the site, so the check above covered them.
    figures = [
        attributes.get("src") or ""
        for page in built.values()
        for tag, attributes, in_content in page.figures
        if tag == "img" and in_content
    ]
    assert any(src.endswith("leer-en-intervisietraject.svg") for src in figures)
    assert any(src.endswith("balans-gedeeld-leiderschap.svg") for src in figures)


def test_no_page_search_palette_or_print_view_contacts_another_host_or_sets_a_cookie(
    wide_light_crawl: Crawl, page: Page, site_url: str
) -> None:
    crawl = wide_light_crawl
    assert len(crawl.requests.urls) > len(crawl.pages)
    assert crawl.requests.offsite() == []
    assert crawl.cookies == []
    with recording_requests(page.context, site_url) as log:
        page.goto(site_url)
        page.locator("input.md-search__input").click()
        page.keyboard.type("coalitie")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.keyboard.press("Escape")
        page.locator("label[for='__palette_1']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.emulate_media(media="print")
        page.goto(site_url + "lessen/gedeeld-leiderschap/")
        page.wait_for_load_state("networkidle")
    assert any(url.endswith("search_index.json") for url in log.urls)
    assert log.offsite() == []
    assert page.context.cookies() == []
    assert page.evaluate("() => document.cookie") == ""


def test_every_internal_link_anchor_and_resource_resolves(built_site: Build) -> None:
    assert broken_links(built_site.site) == []


def test_external_links_report_lists_them_without_fetching(built_site: Build) -> None:
    # The report runs without the test stack: importing pytest or Playwright fails here.
    without_test_stack = (
        "import runpy, sys\n"
        "sys.modules.update(pytest=None, playwright=None)\n"
        "sys.argv = sys.argv[1:]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    script = REPO / "scripts" / "external-links"
    result = subprocess.run(
        [sys.executable, "-c", without_test_stack, str(script), str(built_site.site)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "https://www.gemeentesecretaris.nl" in result.stdout
    assert "mailto:leon.van.den.dool@pwc.com" in result.stdout
    assert "colofon/index.html" in result.stdout


def test_two_builds_give_the_same_bytes_whatever_the_clock_and_hash_seed(
    built_site_with_pdf: Build, tmp_path: Path
) -> None:
    # The build must pin its clock itself: no SOURCE_DATE_EPOCH from outside. The PDF is part
    # of the build, with dates of its own.
    env: dict[str, str | None] = {
        "LEREN_PDF": "true",
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",
        "SOURCE_DATE_EPOCH": None,
    }
    command: list[str] = []
    faketime = shutil.which("faketime")
    if faketime:
        # Three years and a season from now, at another hour: any date that leaks shows.
        command = [faketime, "-f", "+1200d"]
    elif os.environ.get("CI"):
        pytest.fail("faketime ontbreekt: installeer het pakket 'faketime'")
    second = run_mkdocs(REPO, tmp_path / "site", env=env, prefix=command)
    assert second.returncode == 0, second.output
    assert diff_trees(built_site_with_pdf.site, second.site) == []


def test_the_accessibility_statement_is_linked_from_every_page(
    built_pages: dict[str, HtmlPage],
) -> None:
    built = built_pages
    statement = "toegankelijkheid/index.html"
    assert "Toegankelijkheid" in built[statement].title
    text = built[statement].path.read_text(encoding="utf-8")
    for needed in ("WCAG 2.1", "axe-core", "Wat nog niet aan de eisen voldoet", "cookies"):
        assert needed in text
    # Slides fill the projector screen, without Material's footer; leaving a slide (Esc) shows
    # the normal page, footer and all.
    slides = re.compile(r"presentatie/[^/]+/index\.html")
    without = [
        name
        for name, page in built.items()
        if name != "404.html"
        and not slides.fullmatch(name)
        and (
            statement not in targets(page)
            or 'class="lve-footer-links"' not in page.path.read_text(encoding="utf-8")
        )
    ]
    assert without == []
    # The footer line on privacy stays.
    assert "Deze site plaatst geen cookies en laadt niets van andere servers." in (
        built["index.html"].path.read_text(encoding="utf-8")
    )
