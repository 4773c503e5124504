"""Printing a page of the site from the browser: only the page's content on paper."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

LESSON = "lessen/gedeeld-leiderschap/"
LESSON_TITLE = "Faciliteer gedeeld leiderschap."
CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer")


def printed_text(page: Page) -> str:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_printing_a_lesson_hides_the_navigation_and_keeps_the_lesson(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + LESSON)
    # On screen the chrome is there; the test would prove nothing otherwise.
    expect(page.locator(".md-header")).to_be_visible()
    expect(page.locator(".lve-pager")).to_be_visible()
    page.emulate_media(media="print")
    for selector in (*CHROME, ".md-search", ".lve-pager", ".lve-page-footer", ".md-tags"):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("h1")).to_have_text(LESSON_TITLE)
    expect(page.locator(".lve-article__body")).to_be_visible()
    expect(page.locator(".lve-article__body img")).to_be_visible()


def test_a_printed_lesson_holds_only_the_lesson(page: Page, site_url: str) -> None:
    page.goto(site_url + LESSON)
    page.emulate_media(media="print")
    text = printed_text(page)
    assert LESSON_TITLE in text
    assert "Het politieke systeem van gemeenteraden" in text
    for chrome in (
        "Zoeken",
        "Alle lessen",
        "Ideale gemeente en ideale regio",
        "Onderwerpen",
        "Vorige les",
        "Presenteren",
        "Bijeenkomst voorbereiden",
        "Laatst bijgewerkt",
        "Vereniging van Gemeentesecretarissen, juni 2017",
    ):
        assert chrome not in text, chrome


def test_the_printed_home_page_has_no_buttons_or_links_to_overviews(
    page: Page, site_url: str
) -> None:
    page.goto(site_url)
    page.emulate_media(media="print")
    text = printed_text(page)
    assert "Leren te leren" in text
    for interface in ("Lees de samenvatting", "Bijeenkomst voorbereiden", "Alle lessen", "Bekijk"):
        assert interface not in text, interface


def test_printed_links_to_other_sites_show_where_they_lead(page: Page, site_url: str) -> None:
    page.goto(site_url + "colofon/")
    page.emulate_media(media="print")
    text = printed_text(page)
    assert "www.gemeentesecretaris.nl (https://www.gemeentesecretaris.nl)" in text


def test_printing_in_the_dark_scheme_gives_dark_ink(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + LESSON)
    page.emulate_media(media="print", color_scheme="dark")
    colour = page.locator(".lve-article__body p:not(.lve-origin)").first.evaluate(
        "element => getComputedStyle(element).color"
    )
    assert colour == "rgb(27, 42, 58)"
