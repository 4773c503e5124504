"""The real site in Debian's Chromium: what a reader sees and what the browser fetches."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def search(page: Page, query: str) -> None:
    page.get_by_role("textbox", name="Zoeken").or_(
        page.locator("input.md-search__input")
    ).first.click()
    page.keyboard.type(query)


def test_dutch_search_finds_a_lesson_by_a_word_form(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "verschil")
    result = page.locator(".md-search-result__item").filter(
        has_text="Overeenkomsten voelen comfortabel, maar van verschillen leer je meer."
    )
    expect(result.first).to_be_visible()
    result.first.locator("a").first.click()
    expect(page).to_have_url(
        re.compile(re.escape(f"{site_url}lessen/van-verschillen-leer-je-meer/"))
    )


def test_search_finds_cases_and_organisations(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "bezuinigingsdialoog")
    expect(
        page.locator(".md-search-result__item").filter(has_text="Bezuinigingsdialoog").first
    ).to_be_visible()
    page.goto(site_url)
    search(page, "Súdwest-Fryslân")
    expect(
        page.locator(".md-search-result__item").filter(has_text="Gemeente Súdwest-Fryslân").first
    ).to_be_visible()


def test_a_reader_follows_home_to_theme_to_lesson_to_case(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role(
        "link",
        name="Intern en extern kracht maken: organisatieontwikkeling in de netwerksamenleving",
    ).first.click()
    expect(page.locator("h1")).to_have_text(
        "Intern en extern kracht maken: organisatieontwikkeling in de netwerksamenleving"
    )
    page.locator(".lve-lesson-cards").get_by_role("link", name="Stroomlijn").click()
    expect(page.locator("h1")).to_have_text("Stroomlijn")
    page.get_by_role("link", name="Gemeenschappelijke Regeling Drechtsteden").click()
    expect(page.locator("h1")).to_have_text("Gemeenschappelijke Regeling Drechtsteden")
