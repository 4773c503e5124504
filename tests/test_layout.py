"""Every page on every screen: wide tables readable on a phone, the main sections one click from
home, links that look like links. That no page scrolls sideways, from a 1024 px tablet to a
320 px phone, is checked in tests/test_quality.py, in the same visit of every page as axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browsergates import overflow

# The main sections: a link on the home page (in the menu or the text) and the page it opens.
SECTIONS = {
    r"^Alle lessen$": "Alle lessen",
    r"^(Alle )?praktijkvoorbeelden$": "Praktijkvoorbeelden",
    r"^(De deelnemende )?organisaties$": "Organisaties",
    r"^(Bekijk de )?onderwerpen$": "Onderwerpen",
}


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
def test_the_main_sections_are_one_click_from_home(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for name, title in SECTIONS.items():
        page.goto(site_url)
        link = page.get_by_role("link", name=re.compile(name, re.IGNORECASE)).locator(
            "visible=true"
        )
        link.first.click()
        expect(page.locator("h1")).to_have_text(title)


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
