"""The offline kit: `leren offline` makes a zip that works from disk, with no network at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from leren.offline import TIMESTAMP, write_zip
from tests.conftest import (
    REPO,
    TEST_SITE_URL,
    Build,
    OfflineKit,
    cut_off_network,
    run_mkdocs,
    write_content,
    write_fixture_site,
)
from tests.test_workflows import steps, workflow

LEREN = Path(sys.executable).parent / "leren"


def test_leren_offline_prints_the_path_of_the_zip(offline_kit: OfflineKit) -> None:
    assert offline_kit.output.strip() == str(offline_kit.zip)
    assert offline_kit.zip.stat().st_size > 100_000
    print(f"offline kit: {offline_kit.zip.stat().st_size / 1_000_000:.2f} MB")


def test_the_kit_opens_at_index_html_and_names_no_other_server(offline_kit: OfflineKit) -> None:
    assert (offline_kit.folder / "index.html").is_file()
    assert "index.html" in (offline_kit.folder / "LEESMIJ.txt").read_text(encoding="utf-8")
    # Links work from disk: every page is a file, not a folder.
    assert (offline_kit.folder / "lessen" / "lef-en-geduld.html").is_file()
    assert (offline_kit.folder / "presentatie" / "thema-regionale-samenwerking.html").is_file()
    assert (offline_kit.folder / "search" / "search_index.js").is_file()
    for path in offline_kit.folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, path
        assert "downloads/leren-van-elkaar-offline.zip" not in text, path


def test_the_kit_holds_the_publication_pdf_that_its_home_page_offers(
    offline_kit: OfflineKit,
) -> None:
    pdf = offline_kit.folder / "leren-van-elkaar.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    home = (offline_kit.folder / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="md-button" href="leren-van-elkaar\.pdf" download', home)


def test_zips_are_the_same_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "z.html").write_text("z", encoding="utf-8")
    (folder / "a.html").write_text("a", encoding="utf-8")
    write_zip(folder, tmp_path / "one.zip")
    os.utime(folder / "a.html", (0, 0))
    write_zip(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["a.html", "b/z.html"]
        assert {info.date_time for info in archive.infolist()} == {TIMESTAMP}


def test_without_its_config_leren_offline_says_what_is_wrong(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(LEREN), "--map", str(tmp_path), "offline"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "mkdocs-offline.yml ontbreekt" in result.stderr


def test_offline_config_keeps_every_plugin_of_the_site() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)

    def plugins(name: str) -> list[str]:
        data = yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=Loader)
        return [next(iter(p)) if isinstance(p, dict) else p for p in data["plugins"]]

    assert plugins("mkdocs-offline.yml") == [*plugins("mkdocs.yml"), "offline"]


def test_the_deploy_publishes_the_kit_and_the_home_page_links_it() -> None:
    data = workflow("publiceren.yml")
    build_steps = steps(data, "bouwen")
    runs = [step.get("run", "") for step in build_steps]
    assert ".venv/bin/leren offline" in runs
    build = next(s for s in build_steps if "mkdocs build" in s.get("run", ""))
    assert runs.index(".venv/bin/leren offline") < build_steps.index(build)
    assert build["env"]["LEREN_OFFLINE_ZIP"] == "dist/leren-van-elkaar-offline.zip"
    assert "LEREN_SITE_URL" in build["env"]


def test_home_links_the_kit_only_when_the_build_has_one(tmp_path: Path, built_site: Build) -> None:
    assert "offline versie" not in (built_site.site / "index.html").read_text(encoding="utf-8")

    root = write_fixture_site(write_content(tmp_path / "site"), offline_zip="dist/kit.zip")
    missing = run_mkdocs(root, tmp_path / "without")
    assert missing.returncode != 0
    assert "leren offline" in missing.output

    (root / "dist").mkdir()
    with zipfile.ZipFile(root / "dist" / "kit.zip", "w") as archive:
        archive.writestr("index.html", os.urandom(2_400_000))
    build = run_mkdocs(root, tmp_path / "with")
    assert build.returncode == 0, build.output
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert (
        '<a class="md-button" href="downloads/leren-van-elkaar-offline.zip" download>'
        "Download de offline versie (zip, 2,4 MB)</a>" in home
    )
    published = build.site / "downloads" / "leren-van-elkaar-offline.zip"
    assert published.read_bytes() == (root / "dist" / "kit.zip").read_bytes()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A browser with the network cut off: only files from disk load."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requested = cut_off_network(context)
    yield context.new_page(), requested
    context.close()


def test_the_kit_works_from_disk_without_a_network(
    offline_kit: OfflineKit, offline_page: tuple[Page, list[str]]
) -> None:
    page, requested = offline_page
    errors: list[Any] = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto((offline_kit.folder / "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("Leren van elkaar")

    # Search finds a lesson, and the result opens it.
    page.locator("input.md-search__input").click()
    page.keyboard.type("coalitie")
    result = page.locator(".md-search-result__item").filter(
        has_text="Bij iedere opgave hoort een coalitie."
    )
    expect(result.first).to_be_visible()
    result.first.locator("a").first.click()
    lesson = (offline_kit.folder / "lessen" / "bij-iedere-opgave-een-coalitie.html").as_uri()
    expect(page).to_have_url(re.compile(re.escape(lesson)))
    expect(page.locator("h1")).to_have_text("Bij iedere opgave hoort een coalitie.")
    # A click's navigation does not wait for the page's scripts, which bind the keys.
    page.wait_for_load_state("load")

    # Presentation mode, with its QR code pointing at the published site, advances.
    page.keyboard.press("p")
    deck = (offline_kit.folder / "presentatie" / "thema-regionale-samenwerking.html").as_uri()
    expect(page).to_have_url(deck + "#dia-5")
    current = page.locator(".lve-slide[data-current]")
    expect(current.locator(".lve-slide__counter")).to_have_text("5 / 8")
    page.keyboard.press("PageDown")
    expect(current.locator(".lve-slide__counter")).to_have_text("6 / 8")
    expect(current.locator(".lve-slide__title")).to_have_text("Voorkom het “Calimero”-syndroom.")
    expect(current.locator("svg[role=img]")).to_have_attribute(
        "aria-label",
        f"QR-code naar deze pagina op de website: {TEST_SITE_URL}lessen/voorkom-het-calimero-syndroom/",
    )

    # Images load from disk.
    page.goto((offline_kit.folder / "over-het-traject.html").as_uri())
    images = page.locator("article img, .md-content img")
    assert images.count() >= 1
    assert page.evaluate(
        "[...document.querySelectorAll('.md-content img')].every(img => img.naturalWidth > 0)"
    )

    assert [url for url in requested if not url.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
