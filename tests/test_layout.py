"""Every page on every screen: no sideways scrolling from a 320 px phone to a 1024 px tablet, wide
tables readable on a phone, the main sections one click from home, links that look like links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Build

WIDTHS = (1024, 768, 390, 320)
# Material animates its drawer and search when the window changes size; the layout a reader gets
# once it has settled is what counts, so animations are switched off.
NO_ANIMATIONS = """
document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important }";
  document.head.append(style);
});
"""
# The main sections: a link on the home page (in the menu or the text) and the page it opens.
SECTIONS = {
    r"^Alle lessen$": "Alle lessen",
    r"^(Alle )?praktijkvoorbeelden$": "Praktijkvoorbeelden",
    r"^(De deelnemende )?organisaties$": "Organisaties",
    r"^(Bekijk de )?onderwerpen$": "Onderwerpen",
}


def built_pages(site: Build) -> list[str]:
    """Every built page as its address under the site: '', 'lessen/lef-en-geduld/', ..."""
    return sorted(
        "" if path.parent == site.site else path.parent.relative_to(site.site).as_posix() + "/"
        for path in site.site.rglob("index.html")
    )


def overflow(page: Page) -> int:
    """How many pixels the document is wider than the window (0: no sideways scrolling)."""
    return int(
        page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
    )


def test_no_page_scrolls_sideways_at_any_width(
    browser: Browser, built_site: Build, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    context.add_init_script(NO_ANIMATIONS)
    page = context.new_page()
    faults = []
    pages = built_pages(built_site)
    for path in pages:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(site_url + path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            if excess := overflow(page):
                faults.append(f"/{path} op {width} px: {excess} px te breed")
    context.close()
    print(f"overflow: {len(pages)} pages x {len(WIDTHS)} widths checked, {len(faults)} too wide")
    assert len(pages) > 50
    assert faults == []


def test_the_comparison_table_scrolls_in_a_named_focusable_box_on_a_phone(
    narrow_dark_page: Page, site_url: str
) -> None:
    page = narrow_dark_page
    page.goto(site_url + "organisaties/oss/")
    region = page.get_by_role(
        "region",
        name="Profiel van de deelnemers: Leer- en intervisietraject (vanaf 2014, drie jaar)",
    )
    expect(region).to_be_visible()
    assert overflow(page) == 0
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    # A keyboard user reaches the box and scrolls it with the arrow keys.
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", polling=100, timeout=3000)
    # The row labels stay in view while the table scrolls.
    label = region.get_by_role("rowheader", name="Aantal inwoners")
    box = region.bounding_box()
    assert box is not None
    region.evaluate("box => { box.scrollLeft = box.scrollWidth }")
    label_box = label.bounding_box()
    assert label_box is not None and label_box["x"] >= box["x"] - 1


@pytest.mark.parametrize("width", [1280, 390])
def test_the_main_sections_are_one_click_from_home(
    browser: Browser, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, title in SECTIONS.items():
        page.goto(site_url)
        link = page.get_by_role("link", name=re.compile(name, re.IGNORECASE)).locator(
            "visible=true"
        )
        link.first.click()
        expect(page.locator("h1")).to_have_text(title)
    context.close()


def test_card_titles_look_like_links(page: Page, site_url: str) -> None:
    page.goto(site_url)
    paragraph_link = page.locator(".lve-lesson-list a").first
    for title in (".lve-card--theme .lve-card__title a", ".lve-card--case .lve-card__title a"):
        link = page.locator(title).first
        style = link.evaluate(
            "a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color]"
        )
        assert style == [
            "underline",
            paragraph_link.evaluate("a => getComputedStyle(a).color"),
        ], title
