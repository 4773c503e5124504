"""Keyboard gates on the real site, in a wide light window and a narrow dark one: Tab reaches every
control in order with a visible focus, the first stop is a skip link to the content, and the menu
opens on a phone. tests/test_gates_catch_faults.py shows the focus check failing on a fault."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browsergates import keyboard_walk
from tests.conftest import NARROW_DARK, WIDE_LIGHT
from tests.gates import invisible_focus, tab_order_faults

# A page of each generated kind, for the slower keyboard checks; the skip link also on home.
SAMPLE = [
    "lessen/durf-te-differentieren/",
    "themas/leren-te-leren/",
    "casussen/bezuinigingsdialoog/",
]


@pytest.fixture(scope="module")
def windows(browser: Browser) -> Iterator[list[Page]]:
    """A wide light window and a narrow dark one (as ``page`` and ``narrow_dark_page``), kept open
    for this module's keyboard tests. Each test starts by loading its page, as a reader arriving
    there would, and none changes a setting a page keeps (such as the colour scheme), so one
    window of each serves them all: opening two for every test costs more than the tests."""
    contexts = [browser.new_context(**WIDE_LIGHT), browser.new_context(**NARROW_DARK)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", SAMPLE)
def test_tab_reaches_every_control_in_order_with_a_visible_focus(
    windows: list[Page], site_url: str, path: str
) -> None:
    for window in windows:
        window.goto(site_url + path)
        stops, expected = keyboard_walk(window)
        assert len(stops) >= 5
        assert tab_order_faults(stops, expected) == []
        assert invisible_focus(stops) == []
        assert any(stop.in_content for stop in stops)


@pytest.mark.parametrize("path", ["", *SAMPLE])
def test_the_first_tab_stop_is_a_skip_link_to_the_content(
    windows: list[Page], site_url: str, path: str
) -> None:
    for window in windows:
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
    windows: list[Page], site_url: str
) -> None:
    window = windows[1]
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
