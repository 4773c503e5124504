"""Quality gates on the real site: accessibility (axe-core and beyond), privacy, links and
reproducible builds. tests/test_gates_catch_faults.py shows each gate failing on a fault."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import REPO, Build, run_mkdocs
from tests.gates import (
    axe_violations,
    broken_links,
    diff_trees,
    dutch_language_faults,
    heading_outline_faults,
    invisible_focus,
    keyboard_walk,
    recording_requests,
    tab_order_faults,
    text_alternative_faults,
    visit_all,
)
from tests.htmlpage import pages, targets

# A page of each generated kind, for the slower keyboard checks; the skip link also on home.
SAMPLE = [
    "lessen/durf-te-differentieren/",
    "themas/leren-te-leren/",
    "casussen/bezuinigingsdialoog/",
]


def test_every_page_passes_axe_wcag_a_and_aa_light_wide(
    page: Page, site_url: str, real_site: Build, axe: str
) -> None:
    assert visit_all(page, site_url, real_site.site, lambda p: axe_violations(p, axe)) == []


def test_every_page_passes_axe_wcag_a_and_aa_dark_narrow(
    narrow_dark_page: Page, site_url: str, real_site: Build, axe: str
) -> None:
    faults = visit_all(narrow_dark_page, site_url, real_site.site, lambda p: axe_violations(p, axe))
    assert faults == []


def test_every_page_has_one_h1_no_skipped_levels_dutch_and_described_figures(
    real_site: Build,
) -> None:
    built = pages(real_site.site)
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


@pytest.mark.parametrize("path", SAMPLE)
def test_tab_reaches_every_control_in_order_with_a_visible_focus(
    page: Page, narrow_dark_page: Page, site_url: str, path: str
) -> None:
    for window in (page, narrow_dark_page):
        window.goto(site_url + path)
        stops, expected = keyboard_walk(window)
        assert len(stops) >= 5
        assert tab_order_faults(stops, expected) == []
        assert invisible_focus(stops) == []
        assert any(stop.in_content for stop in stops)


@pytest.mark.parametrize("path", ["", *SAMPLE])
def test_the_first_tab_stop_is_a_skip_link_to_the_content(
    page: Page, narrow_dark_page: Page, site_url: str, path: str
) -> None:
    for window in (page, narrow_dark_page):
        window.goto(site_url + path)
        window.keyboard.press("Tab")
        skip = window.get_by_role("link", name="Ga naar inhoud")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        window.keyboard.press("Enter")
        window.keyboard.press("Tab")
        focused_in_content = window.evaluate(
            "() => !!document.activeElement.closest('#inhoud article')"
        )
        assert focused_in_content, window.evaluate("() => document.activeElement.outerHTML")


def test_the_menu_opens_with_the_keyboard_on_a_narrow_screen(
    narrow_dark_page: Page, site_url: str
) -> None:
    window = narrow_dark_page
    window.goto(site_url + "lessen/durf-te-differentieren/")
    menu = window.locator("label[for='__drawer'][tabindex='0']")
    expect(menu).to_have_text("Navigatie")
    menu.focus()
    window.keyboard.press("Enter")
    link = window.locator(".md-sidebar--primary").get_by_role("link", name="Alle lessen")
    expect(link).to_be_visible()
    link.focus()
    window.keyboard.press("Enter")
    expect(window.locator("h1")).to_have_text("Alle lessen")


def test_no_page_search_palette_or_print_view_contacts_another_host_or_sets_a_cookie(
    page: Page, site_url: str, real_site: Build
) -> None:
    with recording_requests(page.context, site_url) as log:
        for path in sorted(real_site.site.rglob("*.html")):
            page.goto(site_url + path.relative_to(real_site.site).as_posix())
        page.wait_for_load_state("networkidle")
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
    assert len(log.urls) > len(list(real_site.site.rglob("*.html")))
    assert log.offsite() == []
    assert page.context.cookies() == []
    assert page.evaluate("() => document.cookie") == ""


def test_every_internal_link_anchor_and_resource_resolves(real_site: Build) -> None:
    assert broken_links(real_site.site) == []


def test_external_links_report_lists_them_without_fetching(real_site: Build) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "external-links"), str(real_site.site)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "https://www.gemeentesecretaris.nl" in result.stdout
    assert "mailto:leon.van.den.dool@pwc.com" in result.stdout
    assert "colofon/index.html" in result.stdout


def test_two_builds_give_the_same_bytes_whatever_the_clock_and_hash_seed(
    real_site: Build, tmp_path: Path
) -> None:
    # The build must pin its clock itself: no SOURCE_DATE_EPOCH from outside.
    env: dict[str, str | None] = {
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
    assert diff_trees(real_site.site, second.site) == []


def test_the_accessibility_statement_is_linked_from_every_page(real_site: Build) -> None:
    built = pages(real_site.site)
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
