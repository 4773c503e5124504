"""Search that forgives: what a Dutch reader types finds the page meant, in the built site served
over HTTP and in the offline kit opened from disk, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from leren.search import fold, stem
from tests.conftest import OfflineKit, cut_off_network

PLACEHOLDER = "Typ om te beginnen met zoeken"

# What a reader types, and the page that must be among the first three results. Place and
# organisation names without accents, words from lesson titles and case names, topics, partial
# words (as while typing), other word forms than the page uses, and compounds with or without
# their hyphen.
QUERIES: list[tuple[str, str]] = [
    ("sudwest", "organisaties/sudwest-fryslan/"),
    ("fryslan", "organisaties/sudwest-fryslan/"),
    ("Súdwest", "organisaties/sudwest-fryslan/"),
    ("sudwest fryslan", "organisaties/sudwest-fryslan/"),
    ("drechtsteden", "organisaties/drechtsteden/"),
    ("drechtst", "organisaties/drechtsteden/"),
    ("oss", "organisaties/oss/"),
    ("venlo", "organisaties/venlo/"),
    ("enkhuizen", "organisaties/sed-gemeenten/"),
    ("stede broec", "organisaties/sed-gemeenten/"),
    ("differentieren", "lessen/durf-te-differentieren/"),
    ("one size fits all", "lessen/durf-te-differentieren/"),
    ("calimero", "lessen/voorkom-het-calimero-syndroom/"),
    ("calim", "lessen/voorkom-het-calimero-syndroom/"),
    ("calimerosyndroom", "lessen/voorkom-het-calimero-syndroom/"),
    ("coalitie", "lessen/bij-iedere-opgave-een-coalitie/"),
    ("feedback", "lessen/oprecht-gegeven-feedback/"),
    ("gedeeld leiderschap", "lessen/gedeeld-leiderschap/"),
    ("lef en geduld", "lessen/lef-en-geduld/"),
    ("veiligheid", "lessen/als-het-veilig-is/"),
    ("keuken", "lessen/bij-elkaar-in-de-keuken/"),
    ("stap terug", "lessen/eerst-een-stap-terug/"),
    ("betekenisvolle relaties", "lessen/betekenisvolle-relaties/"),
    ("experiment", "lessen/het-experiment/"),
    ("verschillen", "lessen/van-verschillen-leer-je-meer/"),
    ("samenwerken regio", "lessen/het-verhaal-van-de-regio/"),
    ("rijswijk", "casussen/rijswijk/"),
    ("ruwaard", "casussen/proeftuin-de-ruwaard/"),
    ("bezuiniging", "casussen/bezuinigingsdialoog/"),
    ("vitale dorpen", "casussen/vitale-dorpen/"),
    ("ideeen", "casussen/vitale-dorpen/"),
    ("stroomlijn", "casussen/stroomlijn/"),
    ("doelgroepenvervoer", "casussen/stroomlijn/"),
    ("omgevingssporen", "casussen/omgevingssporen/"),
    ("financien", "onderwerpen/financien/"),
    ("intervisie", "themas/leren-te-leren/"),
    ("organisatieontwikkeling", "themas/organisatieontwikkeling/"),
    ("netwerksamenleving", "themas/organisatieontwikkeling/"),
    ("regionale samenwerking", "themas/regionale-samenwerking/"),
    ("regios", "themas/regionale-samenwerking/"),
    ("regio's", "themas/regionale-samenwerking/"),
    ("ideale regio", "ideale-gemeente-en-regio/"),
    ("geinteresseerd", "colofon/"),
    ("bijeenkomst voorbereiden", "presentatie/"),
    ("toegankelijkheid", "toegankelijkheid/"),
]


def test_a_reader_types_accents_apostrophes_and_word_forms_either_way() -> None:
    assert fold("Súdwest-Fryslân") == "sudwest-fryslan"
    assert fold("regio’s") == "regios"
    assert stem("gemeenten") == stem("gemeente")
    assert stem("lessen") == stem("les")
    assert stem("samenwerken") == stem("samenwerking")
    assert stem("differentiëren") == stem("differentieren")


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[Page]:
    """A browser with the network cut off: only files from disk load."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cut_off_network(context)
    yield context.new_page()
    context.close()


def open_search(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text(PLACEHOLDER)


def results(page: Page, query: str) -> tuple[str, list[str]]:
    """The result counter and the pages found, in order, as site paths ('lessen/x/').

    The box is emptied first, so the first counter that appears after typing belongs to the
    whole query rather than to a part of it typed so far."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")
    expect(meta).to_have_text(PLACEHOLDER)
    box.fill(query)
    box.press("End")
    expect(meta).not_to_have_text(PLACEHOLDER)
    hrefs: list[str] = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)"
    )
    return meta.inner_text(), [site_path(href, page.url) for href in hrefs]


def site_path(href: str, home: str) -> str:
    """'http://host/lessen/x/?h=y' or 'file:///kit/lessen/x.html' as 'lessen/x/'."""
    base = urlsplit(home).path.rsplit("/", 1)[0] + "/"
    path = urlsplit(href).path.removeprefix(base)
    if path.endswith(".html"):
        path = path.removesuffix(".html").removesuffix("index")
        path = path + "/" if path and not path.endswith("/") else path
    return path


def misses(page: Page, home: str) -> list[str]:
    open_search(page, home)
    failures = []
    for query, expected in QUERIES:
        _, found = results(page, query)
        if expected not in found[:3]:
            failures.append(f"{query!r}: {expected} niet bij de eerste drie van {found[:5]}")
    print(f"search: {len(QUERIES) - len(failures)}/{len(QUERIES)} queries passed at {home}")
    return failures


def test_there_are_enough_realistic_queries() -> None:
    assert len(QUERIES) >= 25
    assert len({query for query, _ in QUERIES}) == len(QUERIES)


def test_readers_find_what_they_type_on_the_site(page: Page, site_url: str) -> None:
    assert misses(page, site_url) == []


def test_readers_find_what_they_type_in_the_offline_kit(
    offline_page: Page, offline_kit: OfflineKit
) -> None:
    assert misses(offline_page, (offline_kit.folder / "index.html").as_uri()) == []


def test_the_result_counter_is_dutch(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    assert results(page, "wymbritseradeel") == (
        "1 overeenkomend document",
        ["organisaties/sudwest-fryslan/"],
    )
    counter, found = results(page, "rijswijk")
    assert counter == f"{len(found)} overeenkomende documenten" and len(found) > 1
    assert results(page, "xqzw")[0] == "Geen overeenkomende documenten"
