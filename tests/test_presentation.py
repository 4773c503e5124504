"""Presentation mode: what a host and the room see, in the built HTML and in real Chromium."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from leren.presentation import Presentations
from leren.structure import Content
from tests.conftest import TEST_SITE_URL, Build
from tests.htmlpage import Page as HtmlPage

CURRENT = ".lve-slide[data-current]"


# --- The built pages -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def presentations(real_content: Content) -> Presentations:
    return Presentations(real_content)


def test_every_theme_lesson_and_case_page_presents_its_own_slide(
    built_pages: dict[str, HtmlPage], real_content: Content, presentations: Presentations
) -> None:
    site = built_pages
    items: list[Any] = [
        *real_content.themes_in_order(),
        *real_content.lessons_in_order(),
        *real_content.cases_in_order(),
    ]
    folders = {"thema": "themas", "les": "lessen", "casus": "casussen"}
    for item in items:
        sequence, number = presentations.start_of(item)
        kind = sequence.slides[number - 1].kind
        page = site[f"{folders[kind]}/{item.id}/index.html"]
        html = page.path.read_text(encoding="utf-8")
        button = re.search(r'<a class="md-button" href="([^"]+)" data-lve-present', html)
        assert button, page.path
        target, fragment = page.resolve(button.group(1)) or (None, None)
        assert target == site[f"presentatie/{sequence.id}/index.html"].path
        slide = re.search(
            rf'<section class="lve-slide[^"]*" id="{fragment}"\s+data-key="([^"]+)"',
            target.read_text(encoding="utf-8"),
        )
        assert slide and slide.group(1) == f"{kind}-{item.id}", (item.id, fragment)


def test_sequences_follow_the_publication(
    real_content: Content, presentations: Presentations
) -> None:
    theme = real_content.themes["regionale-samenwerking"]
    theme_3 = presentations.sequence("thema-regionale-samenwerking")
    assert [s.key for s in theme_3.slides] == ["thema-regionale-samenwerking"] + [
        f"les-{lesson.id}" for lesson in real_content.lessons_of_theme(theme)
    ]
    assert len(theme_3.slides) == 8
    assert len(presentations.all_lessons.slides) == 16
    stroomlijn = presentations.sequence("casus-stroomlijn")
    assert [s.key for s in stroomlijn.slides] == ["casus-stroomlijn", "les-durf-te-differentieren"]
    assert len(presentations.own.slides) == 3 + 16 + 6


def test_slides_carry_qr_codes_drawn_at_build_time(built_pages: dict[str, HtmlPage]) -> None:
    html = built_pages["presentatie/alle-lessen/index.html"].path.read_text(encoding="utf-8")
    assert html.count('<svg role="img" aria-label="QR-code naar deze pagina op de website: ') == 16
    assert f"{TEST_SITE_URL}lessen/lef-en-geduld/" in html
    # Inline SVG only: no image (the notes' own figures aside), script or style from anywhere.
    assert not re.search(r"<img\b", re.sub(r"<template\b.*?</template>", "", html, flags=re.S))
    assert not re.search(r"(src|href)=\"(https?:)?//", html.replace(f'href="{TEST_SITE_URL}', ""))


def test_presentation_pages_stay_out_of_search(built_site: Build) -> None:
    index = (built_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not re.search(r"presentatie/(thema|casus|alle|eigen)", index)
    assert '"location":"presentatie/"' in index


def test_without_a_public_address_slides_have_no_qr_code(small_site: Build) -> None:
    # The fixture site's configuration gives no address: no public_url, no site_url.
    html = (small_site.site / "presentatie" / "thema-leren-te-leren" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Als het veilig is, leer je veel beter." in html
    assert "<svg" not in html
    assert "lve-slide__qr" not in html


# --- In the browser ----------------------------------------------------------------------------


def number(page: Page) -> int:
    text = page.locator(f"{CURRENT} .lve-slide__counter").inner_text()
    return int(text.split("/")[0])


def title(page: Page) -> str:
    return page.locator(f"{CURRENT} .lve-slide__title").inner_text()


@pytest.fixture
def sized(browser: Browser) -> Iterator[Any]:
    contexts: list[BrowserContext] = []

    def open_page(width: int, height: int, **options: Any) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_host_enters_from_a_lesson_and_escape_returns_there(page: Page, site_url: str) -> None:
    page.goto(site_url + "lessen/lef-en-geduld/")
    page.get_by_role("link", name="Presenteren", exact=True).click()
    expect(page).to_have_url(f"{site_url}presentatie/thema-regionale-samenwerking/#dia-3")
    expect(page.locator(CURRENT)).to_be_visible()
    assert title(page) == "Zoek steun om goed te balanceren tussen lef en geduld."
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("3 / 8")
    expect(page.locator(f"{CURRENT} .lve-slide__context")).to_contain_text(
        "Thema 3: Regionale samenwerking en slagkracht · Les 2 van 7"
    )
    # No header, navigation, sidebars or footer; only this one slide.
    assert page.locator(".md-header, .md-sidebar, .md-footer, .md-tabs, .md-nav").count() == 0
    assert page.locator(".lve-slide:visible").count() == 1

    page.wait_for_load_state("load")
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    # Back where the host started, not on the page of the slide on screen.
    expect(page).to_have_url(f"{site_url}lessen/lef-en-geduld/")
    # Back to the same sequence and slide, with the button or with p.
    resume = page.get_by_role("link", name="Verder presenteren")
    expect(resume).to_be_visible()
    page.wait_for_load_state("load")
    page.keyboard.press("p")
    expect(page).to_have_url(f"{site_url}presentatie/thema-regionale-samenwerking/#dia-5")


def test_escape_from_a_bookmarked_deck_goes_to_the_slides_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "themas/regionale-samenwerking/")
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-4")
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{site_url}lessen/betekenisvolle-relaties/")
    page.get_by_role("link", name="Verder presenteren").click()
    expect(page).to_have_url(f"{site_url}presentatie/thema-regionale-samenwerking/#dia-4")
    # Started from here this time, so Escape comes back here.
    page.wait_for_load_state("load")
    page.keyboard.press("End")
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{site_url}lessen/betekenisvolle-relaties/")


def test_p_presents_a_theme_and_a_case(page: Page, site_url: str) -> None:
    # On a theme page Material reads p as "previous page"; here it presents.
    page.goto(site_url + "themas/regionale-samenwerking/")
    page.keyboard.press("p")
    expect(page).to_have_url(f"{site_url}presentatie/thema-regionale-samenwerking/#dia-1")
    assert title(page) == "Regionale samenwerking en slagkracht"
    expect(page.locator(f"{CURRENT} .lve-slide__list li")).to_have_count(7)
    page.goto(site_url + "casussen/stroomlijn/")
    page.keyboard.press("p")
    expect(page).to_have_url(f"{site_url}presentatie/casus-stroomlijn/#dia-1")
    assert title(page) == "Stroomlijn"
    expect(page.locator(f"{CURRENT} .lve-slide__facts")).to_contain_text("1 januari 2017")
    # Typing p in the search box searches; it does not present.
    page.goto(site_url + "casussen/stroomlijn/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("p")
    expect(page).to_have_url(f"{site_url}casussen/stroomlijn/")


def test_a_bookmarked_slide_opens_directly(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-4")
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("4 / 8")
    assert title(page) == (
        "Schep ruimte om betekenisvolle relaties met externe partners op te bouwen."
    )


def test_every_key_a_presenter_knows(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/alle-lessen/#dia-8")
    page.evaluate("window.lveNoReload = true")
    for key in ("ArrowRight", "ArrowDown", "PageDown", " ", "Enter"):
        before = number(page)
        page.keyboard.press(key)
        assert number(page) == before + 1, key
    for key in ("ArrowLeft", "ArrowUp", "PageUp", "Backspace"):
        before = number(page)
        page.keyboard.press(key)
        assert number(page) == before - 1, key
    page.keyboard.press("End")
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("16 / 16")
    page.keyboard.press("PageDown")
    assert number(page) == 16
    page.keyboard.press("Home")
    assert number(page) == 1
    page.keyboard.press("PageUp")
    assert number(page) == 1
    expect(page).to_have_url(f"{site_url}presentatie/alle-lessen/#dia-1")
    # Every move was instant: the same document, never reloaded.
    assert page.evaluate("window.lveNoReload") is True
    # The on-screen buttons do the same.
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Vorige").click()
    assert number(page) == 2


def test_blackout_with_b_or_the_clickers_dot(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-2")
    black = page.locator("#lve-black")
    for key in ("b", "."):
        page.keyboard.press(key)
        expect(black).to_be_visible()
        assert (
            page.evaluate(
                "getComputedStyle(document.elementFromPoint(innerWidth / 2, innerHeight / 2))"
                ".backgroundColor"
            )
            == "rgb(0, 0, 0)"
        )
        page.keyboard.press(key)
        expect(black).to_be_hidden()
    # A clicker's "next" on a black screen brings back the slide the room last saw.
    page.keyboard.press("b")
    page.keyboard.press("PageDown")
    expect(black).to_be_hidden()
    assert number(page) == 2


def test_f_toggles_full_screen(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    expect(page.get_by_role("button", name="Volledig scherm")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")
    assert number(page) == 1


def test_overview_jumps_to_a_slide_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-2")
    page.keyboard.press("o")
    overview = page.get_by_role(
        "dialog", name="Overzicht: Thema 3: Regionale samenwerking en slagkracht"
    )
    expect(overview).to_be_visible()
    tiles = overview.locator(".lve-overview__grid button")
    expect(tiles).to_have_count(8)
    expect(tiles.nth(1)).to_be_focused()
    expect(tiles.nth(6)).to_contain_text("Combineer betrokkenheid als houding")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(overview).to_be_hidden()
    assert number(page) == 4
    page.keyboard.press("o")
    page.keyboard.press("Escape")
    expect(overview).to_be_hidden()
    assert number(page) == 4
    expect(page).to_have_url(re.compile(r"#dia-4$"))
    page.get_by_role("button", name="Overzicht").click()
    overview.get_by_role("button", name=re.compile("Faciliteer gedeeld leiderschap")).click()
    assert number(page) == 8


def test_swipe_on_a_touch_screen(sized: Any, site_url: str) -> None:
    page = sized(1024, 768, has_touch=True)
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-3")
    cdp = page.context.new_cdp_session(page)

    def swipe(start: int, end: int) -> None:
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": start, "y": 400}]},
        )
        for step in range(1, 6):
            x = start + (end - start) * step / 5
            cdp.send(
                "Input.dispatchTouchEvent",
                {"type": "touchMove", "touchPoints": [{"x": x, "y": 400}]},
            )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    swipe(800, 200)
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("4 / 8")
    swipe(200, 800)
    swipe(200, 800)
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("2 / 8")


def test_a_host_prepares_an_own_sequence_and_shares_its_link(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Bijeenkomst voorbereiden").first.click()
    page.get_by_role("checkbox", name="Faciliteer gedeeld leiderschap.").check()
    page.get_by_role("checkbox", name="Bij iedere opgave hoort een coalitie.").check()
    page.get_by_role("checkbox", name="Stroomlijn", exact=True).check()
    page.get_by_role("button", name="Omhoog: Praktijkvoorbeeld: Stroomlijn").click()
    page.get_by_role("button", name="Omhoog: Praktijkvoorbeeld: Stroomlijn").click()
    page.get_by_role("button", name="Weghalen: Bij iedere opgave hoort een coalitie.").click()
    expect(
        page.get_by_role("checkbox", name="Bij iedere opgave hoort een coalitie.")
    ).not_to_be_checked()
    link = page.get_by_label("Link naar deze reeks").input_value()
    assert link == f"{site_url}presentatie/eigen/?reeks=casus-stroomlijn,les-gedeeld-leiderschap"
    page.get_by_role("link", name="Start de presentatie").click()
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("1 / 2")
    assert title(page) == "Stroomlijn"
    page.keyboard.press("PageDown")
    assert title(page) == "Faciliteer gedeeld leiderschap."
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("2 / 2")
    # The shared link, bookmarked at its second slide, opens there for a colleague.
    colleague = page.context.new_page()
    colleague.goto(link + "#dia-2")
    assert title(colleague) == "Faciliteer gedeeld leiderschap."
    # Escape goes back to the preparation page, with the choice still made.
    page.keyboard.press("Escape")
    expect(page).to_have_url(
        f"{site_url}presentatie/?reeks=casus-stroomlijn,les-gedeeld-leiderschap"
    )
    expect(page.locator("#lve-prepare-list li")).to_have_count(2)
    # The colleague, who opened the link directly, leaves for the slide's page and comes back.
    colleague.wait_for_load_state("load")
    colleague.keyboard.press("Escape")
    expect(colleague).to_have_url(f"{site_url}lessen/gedeeld-leiderschap/")
    colleague.get_by_role("link", name="Verder presenteren").click()
    expect(colleague).to_have_url(link + "#dia-2")


def test_an_empty_own_sequence_says_what_to_do(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/eigen/?reeks=les-bestaat-niet")
    expect(page.locator(CURRENT)).to_contain_text("Er is nog geen reeks gekozen.")
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_count(0)


MEASURE = """() => {
  const slide = document.querySelector('.lve-slide[data-current]');
  const main = slide.querySelector('.lve-slide__main');
  const title = slide.querySelector('.lve-slide__title');
  const overflows = el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  const outside = [...slide.querySelectorAll('*')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.bottom > innerHeight + 1 || box.right > innerWidth + 1 || box.top < -1 || box.left < -1);
  }).map(el => el.className || el.tagName);
  // Every line of text on the slide, and its QR code, against every visible control.
  const boxes = [];
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) boxes.push({ what: node.textContent.trim().slice(0, 30), r });
  }
  const qr = slide.querySelector('.lve-slide__qr svg');
  if (qr) boxes.push({ what: 'QR-code', r: qr.getBoundingClientRect() });
  const controls = [...document.querySelectorAll('#lve-controls button')]
    .filter(b => b.getClientRects().length)
    .map(b => ({ what: b.textContent, r: b.getBoundingClientRect() }));
  const overlaps = [];
  for (const c of controls) for (const t of boxes) {
    const w = Math.min(c.r.right, t.r.right) - Math.max(c.r.left, t.r.left);
    const h = Math.min(c.r.bottom, t.r.bottom) - Math.max(c.r.top, t.r.top);
    if (w > 0 && h > 0) overlaps.push(c.what + ' / ' + t.what);
  }
  // The address under the QR code breaks only after a slash: no part between slashes breaks.
  const parts = [...slide.querySelectorAll('.lve-slide__qr figcaption a span')];
  const brokenParts = parts.filter(part => part.getClientRects().length !== 1 || !part.textContent.endsWith('/'))
    .map(part => part.textContent);
  const shown = document.getElementById('lve-controls').classList.contains('lve-controls--awake');
  return {
    key: slide.dataset.key || 'geen reeks gekozen',
    overflow: overflows(slide) || overflows(main) || overflows(document.documentElement) || outside.length > 0,
    outside,
    overlaps,
    controls: controls.length,
    shown,
    captionParts: parts.length,
    brokenParts,
    fontSize: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
  };
}"""


def open_sequence(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(CURRENT)
    page.wait_for_load_state("load")


def measure_sequence(page: Page, url: str) -> list[dict[str, Any]]:
    open_sequence(page, url)
    return measure_slides(page)


def measure_slides(page: Page) -> list[dict[str, Any]]:
    """Every slide of the open deck measured, from the first (Home) to the last."""
    page.keyboard.press("Home")
    keys = page.eval_on_selector_all(
        ".lve-slide", "slides => slides.map(s => s.dataset.key || 'geen reeks gekozen')"
    )
    found = []
    for index in range(len(keys)):
        if index:
            page.keyboard.press("PageDown")
        # The controls show while the mouse moves: measure them showing.
        page.mouse.move(10 + index % 2, 10)
        found.append(page.evaluate(MEASURE))
    assert [m["key"] for m in found] == keys
    return found


SIZES = [
    (800, 600),
    (1024, 768),
    (1280, 720),
    (1280, 800),
    (1366, 768),
    (1440, 900),
    (1920, 1080),
    (2560, 1440),
    (3840, 2160),
    (390, 844),  # a phone
]


@pytest.fixture(scope="module")
def decks(browser: Browser, site_url: str, presentations: Presentations) -> Iterator[list[Page]]:
    """Every deck open in a window of its own: each sequence, and the own sequence with nothing
    chosen. A deck gets the projector's size as a change of window size (a laptop taken to the
    projector, full screen), so each is loaded once and every size below resizes it."""
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    paths = [
        *(f"presentatie/{seq.id}/" for seq in presentations.sequences() if seq.id != "eigen"),
        "presentatie/eigen/",
    ]
    opened = []
    for path in paths:
        page = context.new_page()
        open_sequence(page, site_url + path)
        opened.append(page)
    yield opened
    context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_control_covers_a_slide_and_no_slide_scrolls(
    decks: list[Page], presentations: Presentations, width: int, height: int
) -> None:
    measured = []
    for page in decks:
        # Chromium holds back drawing in a tab that is not in front.
        page.bring_to_front()
        page.set_viewport_size({"width": width, "height": height})
        measured += measure_slides(page)
    assert len(measured) == sum(len(s.slides) for s in presentations.sequences()[:-1]) + 1
    assert all(m["shown"] for m in measured)
    assert min(m["controls"] for m in measured) >= 6
    assert [(m["key"], m["overlaps"]) for m in measured if m["overlaps"]] == []
    assert [(m["key"], m["outside"]) for m in measured if m["overflow"]] == []
    assert [(m["key"], m["brokenParts"]) for m in measured if m["brokenParts"]] == []
    assert sum(m["captionParts"] for m in measured) >= 4 * (len(measured) - 1)
    lessons = [m for m in measured if m["key"].startswith("les-")]
    assert len(lessons) >= 16
    if (width, height) == (1920, 1080):
        # Every lesson title, even the longest (283 characters), is at least 5% of the height.
        assert min(m["fontSize"] for m in lessons) >= 0.05 * 1080
    print(f"{width}x{height}: {len(measured)} slides, no overlap, none scrolls")


def test_slides_scale_up_for_a_4k_projector(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 3840, "height": 2160})
    measured = measure_sequence(page, site_url + "presentatie/alle-lessen/")
    assert [m for m in measured if m["overflow"]] == []
    assert min(m["fontSize"] for m in measured) >= 0.05 * 2160


CONTRAST = """() => {
  const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const parse = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const visible = el => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.opacity === '0' || style.visibility === 'hidden' || style.display === 'none') return false;
    }
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const results = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !visible(el) || el.closest('.lve-visually-hidden')) continue;
    const fg = luminance(parse(getComputedStyle(el).color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    results.push({ text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100 });
  }
  return results;
}"""


def test_contrast_is_at_least_7_to_1(page: Page, site_url: str) -> None:
    checked: list[dict[str, Any]] = []
    for path in (
        "presentatie/thema-regionale-samenwerking/#dia-1",
        "presentatie/thema-regionale-samenwerking/#dia-2",
        "presentatie/casus-bezuinigingsdialoog/#dia-1",
    ):
        page.goto(site_url + path)
        page.mouse.move(300, 300)  # wakes the controls, so they are measured too
        checked += page.evaluate(CONTRAST)
        page.keyboard.press("o")
        checked += page.evaluate(CONTRAST)
    texts = {c["text"] for c in checked}
    assert {
        "Volgende",
        "Zwart scherm",
        "Regionale samenwerking en slagkracht",
        "Bezuinigingsdialoog",
    } <= texts
    assert [c for c in checked if c["ratio"] < 7] == []
    print("lowest contrast:", min(c["ratio"] for c in checked))


def read_qr(page: Page) -> str:
    qr = page.locator(f"{CURRENT} .lve-slide__qr svg")
    image = Image.open(io.BytesIO(qr.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return str(found[0].text)


def test_a_phone_reads_the_projected_qr_code(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-2")
    assert read_qr(page) == f"{TEST_SITE_URL}lessen/het-verhaal-van-de-regio/"
    expect(page.locator(f"{CURRENT} .lve-slide__qr svg")).to_have_attribute(
        "aria-label",
        f"QR-code naar deze pagina op de website: {TEST_SITE_URL}lessen/het-verhaal-van-de-regio/",
    )
    page.keyboard.press("Home")
    assert read_qr(page) == f"{TEST_SITE_URL}themas/regionale-samenwerking/"
    page.goto(site_url + "presentatie/casus-omgevingssporen/")
    assert read_qr(page) == f"{TEST_SITE_URL}casussen/omgevingssporen/"


def count_pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_printing_gives_one_slide_a_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "presentatie/thema-regionale-samenwerking/#dia-3")
    assert count_pdf_pages(page.pdf(prefer_css_page_size=True)) == 8
    page.goto(site_url + "presentatie/eigen/?reeks=les-lef-en-geduld,casus-stroomlijn")
    assert count_pdf_pages(page.pdf(prefer_css_page_size=True)) == 2


def test_a_host_runs_theme_3_from_a_clicker(
    page: Page, site_url: str, presentations: Presentations
) -> None:
    """The whole session with one click to start and then only what a clicker sends."""
    page.goto(site_url + "themas/regionale-samenwerking/")
    page.get_by_role("link", name="Presenteren", exact=True).click()
    expect(page).to_have_url(f"{site_url}presentatie/thema-regionale-samenwerking/#dia-1")
    # A click's navigation does not wait for the deck's script, which binds the keys.
    page.wait_for_load_state("load")
    expect(page.locator(CURRENT)).to_be_visible()
    page.keyboard.press("F5")  # the clicker's start button: full screen, not a reload
    page.wait_for_function("document.fullscreenElement !== null")
    page.evaluate("window.lveNoReload = true")
    seen = [title(page)]
    for _ in range(7):
        page.keyboard.press("PageDown")
        seen.append(title(page))
    theme_3 = presentations.sequence("thema-regionale-samenwerking")
    assert seen == [slide.title for slide in theme_3.slides]
    page.keyboard.press(".")  # blank the screen for the discussion
    expect(page.locator("#lve-black")).to_be_visible()
    page.keyboard.press(".")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("6 / 8")
    page.keyboard.press("Escape")  # the clicker's start button again: leaves full screen only
    page.wait_for_function("document.fullscreenElement === null")
    expect(page.locator(f"{CURRENT} .lve-slide__counter")).to_have_text("6 / 8")
    assert page.evaluate("window.lveNoReload") is True
