"""The presenter view (key s): a second window for the host, in step with the projected deck, on
the served site, under `mkdocs serve`, and from file:// in the offline kit."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from leren.structure import Case, Content, Lesson
from tests.browsergates import axe_violations
from tests.conftest import (
    REPO,
    first_answer,
    mkdocs_serve,
    run_mkdocs,
    write_content,
    write_fixture_site,
)

CURRENT = ".lve-slide[data-current]"
LEREN = Path(sys.executable).parent / "leren"


def opening(item: Lesson | Case) -> str:
    """The start of an item's text as its editor wrote it: what the host's notes must show."""
    first = item.body.strip().split("\n")[0]
    assert not re.search(r"[*_\[\]<>`#]", first[:60]), first
    return first[:60]


def counter(page: Page) -> str:
    return page.locator(f"{CURRENT} .lve-slide__counter").inner_text()


def errors_of(*pages: Page) -> list[Any]:
    found: list[Any] = []
    for opened in pages:
        opened.on("pageerror", lambda error: found.append(error))
    return found


def open_presenter(deck: Page) -> Page:
    """Press s in the projected deck; the presenter view opens as a second window."""
    deck.wait_for_load_state("load")
    with deck.expect_popup() as popup:
        deck.keyboard.press("s")
    return shown(popup.value)


def reopen_presenter(deck: Page) -> Page:
    """Press s in the deck after the presenter view was closed. The deck learns that the window
    is gone a moment after it is (Chromium tells the opener later); until then s brings the old
    window forward, as it does while that is open. So s is pressed until a window opens."""
    deck.wait_for_load_state("load")
    opened: list[Page] = []

    def listen(popup: Page) -> None:
        opened.append(popup)

    deck.on("popup", listen)
    for _ in range(5):
        deck.keyboard.press("s")
        with contextlib.suppress(PlaywrightTimeoutError):
            deck.wait_for_event("popup", timeout=2_000)
        if opened:
            break
    deck.remove_listener("popup", listen)
    assert len(opened) == 1, f"{len(opened)} presenter windows opened"
    return shown(opened[0])


def shown(presenter: Page) -> Page:
    presenter.wait_for_load_state("load")
    expect(presenter.locator("#lve-presenter")).to_be_visible()
    return presenter


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 1280, "height": 800})
    yield opened
    opened.close()


def test_presenter_view_and_deck_follow_each_other(
    context: BrowserContext, site_url: str, real_content: Content
) -> None:
    lef = real_content.lessons["lef-en-geduld"]
    relaties = real_content.lessons["betekenisvolle-relaties"]
    deck = context.new_page()
    deck.goto(site_url + "lessen/lef-en-geduld/")
    deck.get_by_role("link", name="Presenteren", exact=True).click()
    expect(deck).to_have_url(f"{site_url}presentatie/thema-regionale-samenwerking/#dia-3")
    presenter = open_presenter(deck)
    errors = errors_of(deck, presenter)
    assert "weergave=spreker" in presenter.url

    # The slide on screen, the next one, and the whole lesson as notes.
    number = presenter.locator("#lve-presenter-number")
    notes = presenter.get_by_role("region", name="Aantekeningen")
    expect(number).to_have_text("Dia 3 van 8")
    expect(presenter.locator("#lve-now .lve-slide__title")).to_have_text(lef.fields.title)
    expect(presenter.locator("#lve-next .lve-slide__title")).to_have_text(relaties.fields.title)
    expect(notes).to_contain_text(opening(lef))
    last_line = lef.body.strip().split("\n")[-1][-50:]
    expect(notes).to_contain_text(last_line)

    # The projected deck leads ...
    deck.keyboard.press("PageDown")
    expect(number).to_have_text("Dia 4 van 8")
    expect(notes).to_contain_text(opening(relaties))
    expect(presenter.locator("#lve-now .lve-slide__title")).to_have_text(relaties.fields.title)
    # ... or the presenter view, with the clicker's keys or a click.
    presenter.keyboard.press("PageDown")
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("5 / 8")
    presenter.get_by_role("button", name="Volgende").click()
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("6 / 8")
    deck.mouse.move(200, 200)
    deck.get_by_role("button", name="Vorige").click()
    expect(number).to_have_text("Dia 5 van 8")
    expect(deck).to_have_url(re.compile(r"#dia-5$"))

    # A black screen for the room, started from the laptop; the host sees it too.
    presenter.keyboard.press("b")
    expect(deck.locator("#lve-black")).to_be_visible()
    expect(presenter.get_by_role("button", name="Zwart scherm")).to_have_attribute(
        "aria-pressed", "true"
    )
    presenter.keyboard.press("PageDown")  # back to the slide the room last saw
    expect(deck.locator("#lve-black")).to_be_hidden()
    assert counter(deck) == "5 / 8"

    # Closing the presenter view leaves the deck working; s opens it again where the deck is.
    presenter.close()
    deck.keyboard.press("PageDown")
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("6 / 8")
    again = reopen_presenter(deck)
    errors += errors_of(again)
    expect(again.locator("#lve-presenter-number")).to_have_text("Dia 6 van 8")
    expect(again.locator("#lve-presenter-link")).to_have_text("Het zaalscherm volgt deze weergave.")
    # Closing the deck leaves the presenter view working on its own.
    deck.close()
    again.keyboard.press("PageDown")
    expect(again.locator("#lve-presenter-number")).to_have_text("Dia 7 van 8")
    expect(again.locator("#lve-presenter-link")).to_contain_text("Geen zaalscherm verbonden")
    again.keyboard.press("End")
    expect(again.locator("#lve-next-end")).to_have_text("Dit is de laatste dia.")
    assert errors == []


def test_a_cases_notes_are_its_key_facts_and_text(
    context: BrowserContext, site_url: str, real_content: Content
) -> None:
    case = real_content.cases["stroomlijn"]
    deck = context.new_page()
    deck.goto(site_url + "presentatie/casus-stroomlijn/")
    presenter = open_presenter(deck)
    notes = presenter.locator("#lve-notes")
    expect(notes).to_contain_text(case.fields.period)
    for fact in case.fields.facts:
        expect(notes.locator("dt", has_text=fact.when).first).to_be_visible()
        expect(notes).to_contain_text(fact.what)
    expect(notes).to_contain_text(opening(case))
    # Next: the lesson the case illustrates, whose text follows the case's.
    lesson = real_content.lessons["durf-te-differentieren"]
    expect(presenter.locator("#lve-next .lve-slide__title")).to_have_text(lesson.fields.title)
    presenter.keyboard.press("ArrowRight")
    expect(notes).to_contain_text(opening(lesson))
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("2 / 2")


def test_notes_show_the_pages_figures_and_links(context: BrowserContext, site_url: str) -> None:
    """The notes are the page body as the build made it; its relative links still resolve."""
    deck = context.new_page()
    deck.goto(site_url + "presentatie/thema-leren-te-leren/")
    presenter = open_presenter(deck)
    figure = presenter.locator("#lve-notes img")
    expect(figure).to_have_count(1)
    expect(figure).to_have_attribute(
        "alt", re.compile(r"^Schema van het leer- en intervisietraject")
    )
    presenter.wait_for_function(
        "document.querySelector('#lve-notes img').complete"
        " && document.querySelector('#lve-notes img').naturalWidth > 0"
    )
    assert figure.get_attribute("src") == f"{site_url}assets/leer-en-intervisietraject.svg"
    # Under the heading "Aantekeningen" (h2) no other h2 follows, and no id is doubled.
    assert (
        presenter.evaluate("document.querySelectorAll('#lve-notes h1, #lve-notes h2').length") == 0
    )
    assert (
        presenter.evaluate(
            "[...document.querySelectorAll('[id]')].map(e => e.id)"
            ".filter((id, i, all) => all.indexOf(id) !== i).length"
        )
        == 0
    )


def test_the_presenter_view_by_keyboard_and_screen_reader(
    context: BrowserContext, site_url: str, axe: str
) -> None:
    context.clock.install(time="2026-11-30T14:05:00")
    deck = context.new_page()
    deck.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-2")
    deck.wait_for_load_state("load")
    with deck.expect_popup() as popup:
        deck.mouse.move(300, 300)
        deck.get_by_role("button", name="Sprekersweergave").click()
    presenter = popup.value
    presenter.wait_for_load_state("load")
    expect(presenter.get_by_role("main", name=re.compile("^Sprekersweergave"))).to_be_visible()
    expect(
        presenter.get_by_role(
            "heading",
            level=1,
            name="Sprekersweergave: Thema 3: Regionale samenwerking en slagkracht",
        )
    ).to_have_count(1)
    expect(presenter.locator("#lve-clock")).to_have_text("14:05")
    expect(presenter.get_by_role("timer")).to_have_text("0:00")
    context.clock.run_for("02:05")
    expect(presenter.get_by_role("timer")).to_have_text("2:05")
    presenter.keyboard.press("t")
    expect(presenter.get_by_role("timer")).to_have_text("0:00")
    context.clock.run_for("01:01:01")
    expect(presenter.get_by_role("timer")).to_have_text("1:01:01")
    expect(presenter.locator("#lve-clock")).to_have_text("15:08")

    # Tab reaches the timer's button, the notes (to scroll them) and any links in them, and then
    # the controls.
    reached = []
    for _ in range(20):
        presenter.keyboard.press("Tab")
        reached.append(
            presenter.evaluate(
                "document.activeElement.getAttribute('aria-labelledby') ? 'notes'"
                " : document.activeElement.closest('#lve-notes') ? 'link in notes'"
                " : document.activeElement.textContent.trim()"
            )
        )
    assert reached[:2] == ["Tijd op nul", "notes"]
    first_control = reached.index("Vorige")
    assert set(reached[2:first_control]) <= {"link in notes"}
    assert reached[first_control : first_control + 6] == [
        "Vorige",
        "Volgende",
        "Overzicht",
        "Zwart scherm",
        "Volledig scherm",
        "Sluiten",
    ]
    presenter.get_by_role("button", name="Tijd op nul").press("Enter")
    expect(presenter.get_by_role("timer")).to_have_text("0:00")
    # Arrow keys in the notes scroll them; the clicker's Page Down still moves on.
    presenter.locator("#lve-notes").focus()
    presenter.keyboard.press("ArrowDown")
    expect(presenter.locator("#lve-presenter-number")).to_have_text("Dia 2 van 8")
    presenter.keyboard.press("PageDown")
    expect(presenter.locator("#lve-presenter-number")).to_have_text("Dia 3 van 8")
    expect(presenter.locator("#lve-status")).to_have_text(
        "Dia 3 van 8: Zoek steun om goed te balanceren tussen lef en geduld."
    )
    assert axe_violations(presenter, axe) == []
    # The overview works here too, and the deck follows the jump.
    presenter.keyboard.press("o")
    presenter.get_by_role("dialog").get_by_role("button", name=re.compile("Faciliteer")).click()
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("8 / 8")
    # Sluiten closes the presenter window, not the deck.
    with presenter.expect_event("close"):
        try:
            presenter.get_by_role("button", name="Sluiten").click()
        except PlaywrightError as error:
            # The window can close before Chromium confirms the click: the click worked. The
            # close event awaited here decides either way.
            if "closed" not in error.message:
                raise
    assert not deck.is_closed()
    assert deck.url.endswith("#dia-8")


def test_own_sequence_ignores_keys_that_name_object_properties(page: Page, site_url: str) -> None:
    errors = errors_of(page)
    tricks = "constructor,__proto__,toString,hasOwnProperty,valueOf"
    page.goto(f"{site_url}presentatie/eigen/?reeks={tricks},les-lef-en-geduld,prototype")
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("1 / 1")
    expect(page.locator(f"{CURRENT} .lve-slide__title")).to_have_text(
        "Zoek steun om goed te balanceren tussen lef en geduld."
    )
    page.goto(f"{site_url}presentatie/eigen/?reeks={tricks}&reeks=__proto__")
    expect(page.locator(CURRENT)).to_contain_text("Er is nog geen reeks gekozen.")
    page.goto(f"{site_url}presentatie/?reeks={tricks},casus-stroomlijn")
    expect(page.locator("#lve-prepare-list li")).to_have_count(1)
    expect(page.locator("#lve-prepare-list")).to_contain_text("Praktijkvoorbeeld: Stroomlijn")
    expect(page.get_by_label("Link naar deze reeks")).to_have_value(
        f"{site_url}presentatie/eigen/?reeks=casus-stroomlijn"
    )
    assert errors == []


# --- Composing a sequence on "Bijeenkomst voorbereiden" ------------------------------------------

IN_VIEW = """() => {
  const box = document.getElementById('lve-prepare-result').getBoundingClientRect();
  const form = document.getElementById('lve-prepare').getBoundingClientRect();
  return { top: box.top, bottom: box.bottom, left: box.left, formRight: form.right,
           inView: box.top >= 0 && box.bottom <= innerHeight + 1 && box.height > 40 };
}"""


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (390, 844)])
def test_the_chosen_sequence_stays_in_sight_while_boxes_are_ticked(
    page: Page, site_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "presentatie/")
    chosen = page.locator("#lve-prepare-list li")
    # Far down the list of checkboxes: the last case, then a lesson of the first theme.
    for name, count in (("Vitale dorpen", 1), ("Als het veilig is, leer je veel beter.", 2)):
        page.get_by_role("checkbox", name=name).check()
        expect(chosen).to_have_count(count)
        expect(chosen.last).to_contain_text(name)
        place = page.evaluate(IN_VIEW)
        assert place["inView"], place
        if width >= 1024:
            assert place["left"] >= place["formRight"], place  # beside the checkboxes
        expect(chosen.last).to_be_in_viewport()
    expect(page.get_by_role("heading", name="Jouw reeks (2 dia's)")).to_be_visible()


def test_the_sequence_is_reordered_by_keyboard_and_each_change_announced(
    page: Page, site_url: str, axe: str
) -> None:
    page.goto(site_url + "presentatie/")
    status = page.locator("#lve-prepare-status")
    for name in ("Het experiment", "Stroomlijn", "Faciliteer gedeeld leiderschap."):
        checkbox = page.get_by_role("checkbox", name=name)
        checkbox.focus()
        page.keyboard.press("Space")
    expect(status).to_have_text("Toegevoegd: Faciliteer gedeeld leiderschap., plaats 3 van 3.")
    page.get_by_role("button", name="Omhoog: Faciliteer gedeeld leiderschap.").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Faciliteer gedeeld leiderschap. staat nu op plaats 2 van 3.")
    # Focus stays on the moved item's button, so pressing again moves it on.
    page.keyboard.press("Enter")
    expect(status).to_have_text("Faciliteer gedeeld leiderschap. staat nu op plaats 1 van 3.")
    titles = page.locator("#lve-prepare-list .lve-prepare__title")
    expect(titles).to_have_text(
        [
            "Faciliteer gedeeld leiderschap.",
            re.compile("^Het experiment"),
            "Praktijkvoorbeeld: Stroomlijn",
        ]
    )
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Omlaag: Faciliteer gedeeld leiderschap."  # Omhoog is disabled now
    page.keyboard.press("Enter")
    expect(titles.nth(1)).to_have_text("Faciliteer gedeeld leiderschap.")
    page.get_by_role("button", name="Weghalen: Praktijkvoorbeeld: Stroomlijn").press("Enter")
    expect(status).to_have_text("Weggehaald: Praktijkvoorbeeld: Stroomlijn. Nog 2 in je reeks.")
    assert status.get_attribute("role") == "status"
    link = page.get_by_label("Link naar deze reeks").input_value()
    assert link.endswith("?reeks=les-het-experiment,les-gedeeld-leiderschap")
    assert axe_violations(page, axe) == []


# --- QR codes: never to a local address ---------------------------------------------------------


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[str]:
    """`mkdocs serve` of a small site, as `bash scripts/serve` runs it, with no public address."""
    root = write_fixture_site(write_content(tmp_path / "site"))
    with mkdocs_serve(root, {"LEREN_SITE_URL": None}) as url:
        first_answer(url + "presentatie/thema-leren-te-leren/")
        yield url


def test_under_mkdocs_serve_slides_say_why_there_is_no_qr_code(
    preview: str, context: BrowserContext
) -> None:
    deck = context.new_page()
    deck.goto(preview + "presentatie/thema-leren-te-leren/#dia-2")
    note = deck.locator(f"{CURRENT} .lve-slide__no-qr")
    expect(note).to_have_text(
        "Geen QR-code: dit is een lokaal adres, dat telefoons in de zaal niet openen. "
        "Op de gepubliceerde website staat hier een QR-code."
    )
    assert deck.locator("svg").count() == 0
    # The presenter view works here too.
    presenter = open_presenter(deck)
    expect(presenter.locator("#lve-presenter-number")).to_have_text("Dia 2 van 2")
    expect(presenter.locator("#lve-notes")).to_contain_text(
        "Het is toch een stap om een vraag te stellen aan collega's."
    )
    presenter.keyboard.press("Home")
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("1 / 2")


@pytest.mark.parametrize(
    "address", ["http://localhost:8000/", "http://[::1]:8000/", "http://0.0.0.0:8000/"]
)
def test_other_local_addresses_get_no_qr_code_either(tmp_path: Path, address: str) -> None:
    root = write_fixture_site(write_content(tmp_path / "site"))
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_url: {address}\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    build = run_mkdocs(root, tmp_path / "built")
    assert build.returncode == 0, build.output
    html = (build.site / "presentatie" / "alle-lessen" / "index.html").read_text(encoding="utf-8")
    assert "Geen QR-code: dit is een lokaal adres" in html
    assert "<svg" not in html


# --- The offline kit, made as the README says, opened from file:// ------------------------------


@dataclass
class Kit:
    folder: Path
    output: str


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    """`.venv/bin/leren offline`, with no address of the published site given, unzipped."""
    folder = tmp_path_factory.mktemp("kit")
    target = folder / "kit.zip"
    environment = dict(os.environ)
    environment.pop("LEREN_SITE_URL", None)
    # Its tests are about slides; the kit with the publication's PDF is tests/test_offline.py's.
    environment["LEREN_PDF"] = "false"
    result = subprocess.run(
        [str(LEREN), "offline", "--uitvoer", str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder / "uitgepakt")
    return Kit(folder / "uitgepakt", result.stdout + result.stderr)


def test_the_kits_leesmij_says_truthfully_that_its_slides_have_no_qr_codes(kit: Kit) -> None:
    readme = (kit.folder / "LEESMIJ.txt").read_text(encoding="utf-8")
    assert "De dia's in deze versie hebben geen QR-code" in readme
    assert "QR-codes op de dia's wijzen" not in readme
    assert "let op: de dia's hebben geen QR-code" in kit.output
    decks = sorted(
        set((kit.folder / "presentatie").glob("*.html"))
        - {kit.folder / "presentatie" / "index.html"}
    )
    assert len(decks) >= 11
    for deck in decks:
        html = deck.read_text(encoding="utf-8")
        assert "lve-slide__title" in html, deck
        assert "<svg" not in html, deck
        assert "lve-slide__no-qr" not in html, deck


def test_presenter_view_from_file_in_the_offline_kit(
    kit: Kit, context: BrowserContext, real_content: Content
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    lesson = real_content.lessons["bij-iedere-opgave-een-coalitie"]
    calimero = real_content.lessons["voorkom-het-calimero-syndroom"]
    deck = context.new_page()
    errors = errors_of(deck)
    start = (kit.folder / "lessen" / "bij-iedere-opgave-een-coalitie.html").as_uri()
    deck.goto(start)
    deck.wait_for_load_state("load")
    deck.keyboard.press("p")
    expect(deck).to_have_url(
        (kit.folder / "presentatie" / "thema-regionale-samenwerking.html").as_uri() + "#dia-5"
    )
    presenter = open_presenter(deck)
    errors += errors_of(presenter)
    assert presenter.url.startswith("file://")
    number = presenter.locator("#lve-presenter-number")
    expect(number).to_have_text("Dia 5 van 8")
    expect(presenter.locator("#lve-notes")).to_contain_text(opening(lesson))
    deck.keyboard.press("PageDown")
    expect(number).to_have_text("Dia 6 van 8")
    expect(presenter.locator("#lve-notes")).to_contain_text(opening(calimero))
    presenter.keyboard.press("PageUp")
    presenter.keyboard.press("PageUp")
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("4 / 8")
    presenter.close()
    deck.keyboard.press("PageDown")
    expect(deck.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("5 / 8")
    # Escape returns to the page the deck was opened from, from disk too.
    deck.keyboard.press("PageDown")
    deck.keyboard.press("Escape")
    expect(deck).to_have_url(start)
    assert [url for url in requested if not url.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
