"""The real publication, built with --strict, asserted on its HTML."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from leren.history import MONTHS
from leren.loader import slugify
from leren.structure import Content, Lesson
from tests.conftest import REPO, Build
from tests.htmlpage import Page, targets

LESSON_PAGE = re.compile(r"lessen/[a-z0-9-]+/index\.html")


@pytest.fixture
def site(built_pages: dict[str, Page]) -> dict[str, Page]:
    return built_pages


def generated(site: dict[str, Page], folder: str) -> dict[str, Page]:
    return {
        name: page
        for name, page in site.items()
        if re.fullmatch(rf"{folder}/[a-z0-9-]+/index\.html", name)
    }


def test_build_is_clean(built_site: Build) -> None:
    assert "WARNING" not in built_site.output
    assert "ERROR" not in built_site.output


def test_one_page_per_item(site: dict[str, Page]) -> None:
    assert len(generated(site, "lessen")) == 16
    assert len(generated(site, "casussen")) == 6
    assert len(generated(site, "organisaties")) == 5
    assert len(generated(site, "themas")) == 3


def test_lessons_per_theme_match_the_summary(site: dict[str, Page]) -> None:
    theme_pages = generated(site, "themas")
    counts = {
        name: len([t for t in targets(page, page.main_links) if LESSON_PAGE.fullmatch(t)])
        for name, page in theme_pages.items()
    }
    assert counts == {
        "themas/leren-te-leren/index.html": 5,
        "themas/organisatieontwikkeling/index.html": 4,
        "themas/regionale-samenwerking/index.html": 7,
    }


def test_lesson_page_shows_sentence_theme_cases_and_neighbours(site: dict[str, Page]) -> None:
    page = site["lessen/durf-te-differentieren/index.html"]
    assert page.title.startswith("Durf bij organisatieontwikkeling te differentiëren.")
    linked = targets(page, page.main_links)
    assert {
        "themas/organisatieontwikkeling/index.html",
        "casussen/stroomlijn/index.html",
        "lessen/de-bedoeling-voorop/index.html",
        "lessen/buiten-binnen-halen/index.html",
    } <= linked


def test_cross_links_go_both_ways(site: dict[str, Page], real_content: Content) -> None:
    for lesson in real_content.lessons.values():
        lesson_page = site[f"lessen/{lesson.id}/index.html"]
        for case_id in lesson.fields.cases:
            assert f"casussen/{case_id}/index.html" in targets(lesson_page, lesson_page.main_links)
            case_page = site[f"casussen/{case_id}/index.html"]
            assert f"lessen/{lesson.id}/index.html" in targets(case_page, case_page.main_links)
    for case in real_content.cases.values():
        case_page = site[f"casussen/{case.id}/index.html"]
        if case.fields.organisation:
            org = f"organisaties/{case.fields.organisation}/index.html"
            assert org in targets(case_page, case_page.main_links)
            assert f"casussen/{case.id}/index.html" in targets(site[org], site[org].main_links)
    assert sum(len(lesson.fields.cases) for lesson in real_content.lessons.values()) >= 6


def test_case_pages_carry_their_key_figures(site: dict[str, Page]) -> None:
    text = (site["casussen/bezuinigingsdialoog/index.html"].path).read_text(encoding="utf-8")
    facts = text[
        text.index('class="lve-timeline"') : text.index("</ol>", text.index('class="lve-timeline"'))
    ]
    for amount in ("4 miljoen", "11 miljoen", "6 miljoen", "2,5 tot 3,5 miljoen", "1 miljoen"):
        assert amount in facts
    ruwaard = site["casussen/proeftuin-de-ruwaard/index.html"].path.read_text(encoding="utf-8")
    for year in ("2013", "2015", "2016", "2017"):
        assert year in ruwaard


def test_every_lesson_case_and_organisation_is_reachable_from_home(site: dict[str, Page]) -> None:
    home = site["index.html"]
    one_click = targets(home, home.main_links)
    assert set(generated(site, "lessen")) <= one_click
    assert set(generated(site, "casussen")) <= one_click
    assert set(generated(site, "organisaties")) <= one_click
    assert set(generated(site, "themas")) <= one_click


def test_search_index_holds_every_lesson_case_and_organisation(
    built_site: Build, real_content: Content
) -> None:
    index = json.loads(
        (built_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    titles = {doc["title"] for doc in index["docs"]}
    assert index["config"]["lang"] == ["nl"]
    for lesson in real_content.lessons.values():
        assert lesson.fields.title in titles
    for case in real_content.cases.values():
        assert case.fields.title in titles
    for org in real_content.organisations.values():
        assert org.fields.name in titles


def test_every_page_is_dutch(site: dict[str, Page]) -> None:
    assert {page.lang for page in site.values()} == {"nl"}


def test_no_page_loads_anything_from_another_host(built_site: Build, site: dict[str, Page]) -> None:
    external = [
        f"{name}: {src}"
        for name, page in site.items()
        for src in page.resources
        if re.match(r"(https?:)?//", src)
    ]
    assert external == []
    for css in built_site.site.rglob("*.css"):
        assert not re.search(
            r"url\(\s*['\"]?(https?:)?//|@import", css.read_text(encoding="utf-8")
        ), css
    # Material's JS bundle names CDN fallbacks (a ResizeObserver polyfill, Mermaid) that our
    # pages never trigger; the browser test records the requests pages really make.
    cdn = re.compile(r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|cdn\.jsdelivr|cdnjs\.")
    for path in built_site.site.rglob("*"):
        if path.suffix in (".html", ".css"):
            assert not cdn.search(path.read_text(encoding="utf-8")), path


def test_every_topic_has_a_page_listing_what_carries_it(
    site: dict[str, Page], real_content: Content
) -> None:
    overview = site["onderwerpen/index.html"]
    for tag in real_content.tags:
        tag_page = f"onderwerpen/{slugify(tag)}/index.html"
        assert tag_page in targets(overview, overview.main_links)
        expected = {
            f"{'lessen' if isinstance(item, Lesson) else 'casussen'}/{item.id}/index.html"
            for item in real_content.items_with_tag(tag)
        }
        assert expected
        assert expected <= targets(site[tag_page], site[tag_page].main_links)
    # A tag chip on a lesson leads to its topic's page.
    lesson = site["lessen/durf-te-differentieren/index.html"]
    assert "onderwerpen/maatschappelijke-partners/index.html" in targets(lesson)


def test_no_placeholder_is_published(built_site: Build) -> None:
    # The colofon explains that the unwritten foreword was left out; no other page mentions it.
    for path in built_site.site.rglob("*.html"):
        if path.parent.name != "colofon":
            assert "Nog op te stellen" not in path.read_text(encoding="utf-8"), path
            assert ">Voorwoord<" not in path.read_text(encoding="utf-8"), path


def test_theme_data_files_are_plain_yaml() -> None:
    for path in (REPO / "themes").glob("*.yml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)


def test_home_page_shows_three_themes_as_cards(site: dict[str, Page]) -> None:
    home = site["index.html"].path.read_text(encoding="utf-8")
    assert home.count('class="lve-card lve-card--theme"') == 3


def test_page_urls_are_dutch(site: dict[str, Page]) -> None:
    assert "lessen/als-het-veilig-is/index.html" in site
    assert "casussen/stroomlijn/index.html" in site
    assert "organisaties/oss/index.html" in site
    assert "themas/leren-te-leren/index.html" in site


def test_edit_free_paths_have_no_docs_copies() -> None:
    # Generated pages come from lessons/ and cases/ only; nobody writes them into docs/ twice.
    assert not (REPO / "docs" / "lessen").exists()
    assert not (REPO / "docs" / "casussen").exists()


def test_lesson_pages_say_when_their_source_last_changed(site: dict[str, Page]) -> None:
    changed = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "lessons/lef-en-geduld.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not changed:
        pytest.skip("geen git-geschiedenis in deze checkout")
    year, month, day = (int(part) for part in changed.split("-"))
    html = site["lessen/lef-en-geduld/index.html"].path.read_text(encoding="utf-8")
    assert f"Laatst bijgewerkt: <time>{day} {MONTHS[month - 1]} {year}</time>" in html
